using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>
/// A file met in discovery, opened once without blocking: why it cannot be read, or the start of
/// its content, read at most once however many dialects and checks ask for it.
/// </summary>
internal sealed class FileHead : IDisposable
{
    private readonly FileStream? _stream;
    private string? _text;

    private FileHead(FileStream? stream, string? error, string? text = null)
    {
        _stream = stream;
        Error = error;
        _text = text;
    }

    /// <summary>The head of text that is no file (standard input).</summary>
    public static FileHead Of(byte[] bytes) =>
        new(null, null, System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, InputDiscovery.HeadBytes)));

    /// <summary>Why the file cannot be read (permission denied, not a regular file...), or null.</summary>
    public string? Error { get; }

    public static FileHead Open(string path)
    {
        try
        {
            var stream = SafeOpen.ForRead(path);
            if (!UnixFileType.IsSpecial(stream, path))
            {
                return new FileHead(stream, null);
            }

            stream.Dispose();
            return new FileHead(null, UnixFileType.NotRegular(path)); // a pipe: reading could block
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return new FileHead(null, InputFile.Describe(e));
        }
    }

    /// <summary>The first <see cref="InputDiscovery.HeadBytes"/> bytes as Latin-1 text; empty when the file cannot be read.</summary>
    public string Text() => _text ??= Read();

    private string Read()
    {
        if (_stream is null)
        {
            return string.Empty;
        }

        try
        {
            var buffer = new byte[InputDiscovery.HeadBytes];
            var read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.Latin1.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return string.Empty; // e.g. EISDIR, EIO: the name alone decides
        }
    }

    public void Dispose() => _stream?.Dispose();
}
