using Microsoft.Playwright;

namespace CcWallboard.Browser.Tests;

/// <summary>
/// One headless Chromium for a test class: the system's <c>/usr/bin/chromium</c>, driven by Playwright. Playwright's
/// own browser download is never used; when the system browser is missing the tests fail (they never skip):
/// <c>./tests/run.sh</c> installs it.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>Playwright's waits (Expect, WaitFor…) give up after this; every wait of these tests is bounded by it.</summary>
    public const float WaitTimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"{ChromiumPath} was not found. The browser tests drive the system's Chromium (Playwright's own download " +
                "is never used): run ./tests/run.sh, which installs it, or install it yourself (apt-get install chromium).");
        }
        Assertions.SetDefaultExpectTimeout(WaitTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh page (its own context: no shared cache or storage) at the given viewport, in British English and,
    /// like a TV set up abroad, in a time zone other than the centre's (the board shows the centre's time).
    /// </summary>
    public async Task<BoardPage> NewPageAsync(int width = 1920, int height = 1080)
    {
        var context = await Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(WaitTimeoutMs);
        var page = await context.NewPageAsync();
        return new BoardPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
