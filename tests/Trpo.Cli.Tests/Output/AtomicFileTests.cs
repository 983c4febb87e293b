using Trpo.Cli.Output;

namespace Trpo.Cli.Tests.Output;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("trpo-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Write_replaces_the_content_and_leaves_no_temp_file()
    {
        var path = Path.Combine(_folder, "summary.json");
        File.WriteAllText(path, "old content that is longer");

        AtomicFile.WriteAllText(path, "new ±\n");

        Assert.Equal("new ±\n"u8.ToArray(), File.ReadAllBytes(path)); // UTF-8, no byte order mark
        Assert.Equal([path], Directory.GetFiles(_folder));
    }
}
