namespace CcWallboard.Adapters.Tests;

/// <summary>The real material under tests/data (copied from shared/data; found by walking up from the test binaries).</summary>
internal static class SharedData
{
    public static string PathOf(params string[] parts)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine([folder.FullName, "tests", "data", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"tests/data/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
