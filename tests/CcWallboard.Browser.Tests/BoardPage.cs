using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CcWallboard.Browser.Tests;

/// <summary>A browser page (in its own context) showing a board or another page of the host, with the script errors it raised.</summary>
public sealed class BoardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _errors = new();

    public BoardPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _errors.Enqueue($"uncaught: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Enqueue($"console.error: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions and console errors of the page so far.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    /// <summary>Opens /board/{name} on the host.</summary>
    public Task OpenAsync(Uri host, string board = "floor") => OpenPathAsync(host, $"/board/{board}");

    /// <summary>Opens a page of the host (path and query), which must answer 200.</summary>
    public async Task OpenPathAsync(Uri host, string pathAndQuery)
    {
        var response = await Page.GotoAsync(new Uri(host, pathAndQuery).AbsoluteUri);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
    }

    /// <summary>Uncaught exceptions of the page so far (unlike <see cref="Errors"/>, not the console's reports of refused requests).</summary>
    public IEnumerable<string> UncaughtErrors => _errors.Where(e => e.StartsWith("uncaught:", StringComparison.Ordinal));

    /// <summary>Waits until the page shows figures from the host: state "live" and a sequence number.</summary>
    public async Task WaitForLiveAsync()
    {
        await Expect(Page.Locator("body")).ToHaveAttributeAsync("data-state", "live");
        await Expect(ByTestId("last-sequence")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
    }

    public async Task<string> TextAsync(string testId) => (await ByTestId(testId).TextContentAsync())?.Trim() ?? "";

    /// <summary>A count as shown (the browser's grouping, e.g. "1,234"), as a number; null for "—".</summary>
    public async Task<int?> CountAsync(string testId)
    {
        var text = await TextAsync(testId);
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    public async Task<string> StateAsync() => await Page.Locator("body").GetAttributeAsync("data-state") ?? "";

    public void AssertNoScriptErrors() =>
        Assert.True(_errors.IsEmpty, "The page reported errors:" + Environment.NewLine + string.Join(Environment.NewLine, _errors));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
