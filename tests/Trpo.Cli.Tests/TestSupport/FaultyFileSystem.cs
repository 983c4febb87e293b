using Microsoft.Extensions.DependencyInjection;
using Trpo.Cli.FileSystem;

namespace Trpo.Cli.Tests.TestSupport;

/// <summary>
/// The machine's file system with one injected failure: on the <see cref="FailOnOpening"/>-th time a file named
/// <see cref="FailingFile"/> is opened for writing, the first <see cref="WritesBeforeFailure"/> writes go through and
/// the next one stores only the first half of its bytes and throws <see cref="Failure"/>, as a disk that fills up
/// in the middle of a write does. <see cref="DenyDirectory"/> makes every create and rename into it fail with permission denied.
/// </summary>
public sealed class FaultyFileSystem : IFileSystem
{
    private readonly PhysicalFileSystem _real = PhysicalFileSystem.Instance;
    private int _openings;

    /// <summary>Name (not path) of the file whose writes fail, e.g. <c>progress.csv</c> or <c>epoch-000002.ckpt.tmp</c>.</summary>
    public string? FailingFile { get; init; }
    /// <summary>Which opening for writing of <see cref="FailingFile"/> fails (1 = the first).</summary>
    public int FailOnOpening { get; init; } = 1;
    /// <summary>Writes that succeed through the failing opening before the one that fails half-way.</summary>
    public int WritesBeforeFailure { get; init; }
    /// <summary>The exception thrown: a full disk by default.</summary>
    public Func<Exception> Failure { get; init; } = () => new IOException("No space left on device");
    /// <summary>A folder in which nothing may be created (permission denied).</summary>
    public string? DenyDirectory { get; init; }

    /// <summary>Installs <paramref name="files"/> into the workspace's host.</summary>
    public static void Install(Workspace workspace, FaultyFileSystem files)
    {
        var previous = workspace.Services;
        workspace.Services = services =>
        {
            previous?.Invoke(services);
            services.AddSingleton<IFileSystem>(files);
        };
    }

    public Stream Create(string path) => Open(path, () => _real.Create(path));
    public Stream OpenAppend(string path) => Open(path, () => _real.OpenAppend(path));
    public byte[] ReadAllBytes(string path) => _real.ReadAllBytes(path);
    public void Move(string source, string destination) { Deny(destination); _real.Move(source, destination); }
    public void Delete(string path) => _real.Delete(path);
    public void Truncate(string path, long length) => _real.Truncate(path, length);
    public void CreateDirectory(string path) { Deny(Path.Combine(path, ".")); _real.CreateDirectory(path); }
    public long Length(string path) => _real.Length(path);
    public bool FileExists(string path) => _real.FileExists(path);
    public IReadOnlyList<string> Files(string directory, string pattern) => _real.Files(directory, pattern);
    public void Sync(Stream stream) => _real.Sync(stream is FailingStream failing ? failing.Inner : stream);

    private Stream Open(string path, Func<Stream> open)
    {
        Deny(path);
        if (Path.GetFileName(path) != FailingFile || Interlocked.Increment(ref _openings) != FailOnOpening)
            return open();
        return new FailingStream(open(), WritesBeforeFailure, Failure);
    }

    private void Deny(string path)
    {
        if (DenyDirectory is not null && Path.GetFullPath(path).StartsWith(Path.GetFullPath(DenyDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnauthorizedAccessException($"Access to the path '{Path.GetFileName(Path.GetDirectoryName(path))}' is denied.");
    }

    /// <summary>Lets <c>writes</c> writes through, then stores half of the next one and throws.</summary>
    private sealed class FailingStream(Stream inner, int writes, Func<Exception> failure) : Stream
    {
        private int _left = writes;
        private bool _full;
        public Stream Inner => inner;
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_full) throw failure(); // once full, nothing more fits
            if (_left-- > 0)
            {
                inner.Write(buffer);
                return;
            }
            _full = true;
            inner.Write(buffer[..(buffer.Length / 2)]);
            inner.Flush();
            throw failure();
        }
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        protected override void Dispose(bool disposing) { if (disposing) inner.Dispose(); base.Dispose(disposing); }
    }
}
