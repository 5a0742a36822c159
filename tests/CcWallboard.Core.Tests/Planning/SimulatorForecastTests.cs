using CcWallboard.Core.Planning;
using CcWallboard.Core.Simulation;
using CcWallboard.Core.Tests.Simulation;

namespace CcWallboard.Core.Tests.Planning;

/// <summary>The simulator's own forecast for the example centre (config/centre.json, Europe/London, 15-minute intervals).</summary>
public sealed class SimulatorForecastTests
{
    [Fact]
    public void Over_an_ordinary_day_each_queue_expects_its_contacts_per_day()
    {
        var options = ExampleCentre.Load();

        var forecast = SimulatorForecast.For(options, new DateOnly(2026, 11, 23));

        Assert.Equal(ForecastSources.Simulator, forecast.Source);
        Assert.NotEmpty(options.Simulator.Queues);
        foreach (var queue in options.Simulator.Queues)
        {
            var intervals = forecast.IntervalsOf(queue.QueueId);
            Assert.Equal(96, intervals.Count);
            Assert.Equal(queue.ContactsPerDay, intervals.Sum(i => i.Offered), 6);
        }
    }

    [Fact]
    public void Each_interval_expects_the_hours_rate_times_its_length_with_talk_plus_wrap_as_aht()
    {
        var options = ExampleCentre.Load();
        var queue = options.Simulator.Queues[0];
        var perHour = queue.HourlyProfile.Select(w => queue.ContactsPerDay * w / queue.HourlyProfile.Sum()).ToArray();

        var forecast = SimulatorForecast.For(options, new DateOnly(2026, 11, 23));

        var nineFifteen = forecast.At(queue.QueueId, ExampleCentre.Local(2026, 11, 23, 9, 20))!;
        Assert.Equal(ExampleCentre.Local(2026, 11, 23, 9, 15), nineFifteen.Start);
        Assert.Equal(perHour[9] / 4, nineFifteen.Offered, 9);
        Assert.Equal(queue.MeanTalkSeconds + queue.MeanAcwSeconds, nineFifteen.AhtSeconds);
        Assert.Equal(perHour[9] / 3600, nineFifteen.RatePerSecond, 12);
    }

    [Fact]
    public void The_spring_day_loses_the_skipped_hours_contacts_and_has_92_intervals()
    {
        var options = ExampleCentre.Load();
        var queue = options.Simulator.Queues[0];
        var perHour = queue.HourlyProfile.Select(w => queue.ContactsPerDay * w / queue.HourlyProfile.Sum()).ToArray();

        var forecast = SimulatorForecast.For(options, new DateOnly(2026, 3, 29));

        var intervals = forecast.IntervalsOf(queue.QueueId);
        Assert.Equal(92, intervals.Count);
        Assert.Equal(queue.ContactsPerDay - perHour[1], intervals.Sum(i => i.Offered), 6);
    }

    [Fact]
    public void The_autumn_day_counts_its_repeated_hour_twice_and_has_100_intervals()
    {
        var options = ExampleCentre.Load();
        var queue = options.Simulator.Queues[0];
        var perHour = queue.HourlyProfile.Select(w => queue.ContactsPerDay * w / queue.HourlyProfile.Sum()).ToArray();

        var forecast = SimulatorForecast.For(options, new DateOnly(2026, 10, 25));

        var intervals = forecast.IntervalsOf(queue.QueueId);
        Assert.Equal(100, intervals.Count);
        Assert.Equal(queue.ContactsPerDay + perHour[1], intervals.Sum(i => i.Offered), 6);
    }

    [Fact]
    public void The_simulators_forecast_writes_as_a_file_an_import_would_accept()
    {
        var options = ExampleCentre.Load();
        var day = new DateOnly(2026, 11, 23);
        var forecast = SimulatorForecast.For(options, day);

        var read = ForecastFile.Parse(ForecastFile.Write(forecast, ForecastFormat.Csv), ForecastFormat.Csv, day, ExampleCentre.Calendar, ForecastRules.For(options));

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        Assert.Equal(forecast.IntervalsOf("sales"), read.Forecast!.IntervalsOf("sales"));
    }
}
