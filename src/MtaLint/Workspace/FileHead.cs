using MtaLint.Text;

namespace MtaLint.Workspace;

/// <summary>
/// A file met in discovery, opened once without blocking: why it cannot be read, or the start of
/// its content, read at most once however many dialects and checks ask for it.
/// </summary>
internal sealed class FileHead : IDisposable
{
    /// <summary>How much <see cref="FirstLinesWhere"/> reads at a time past the head.</summary>
    private const int BlockBytes = 1 << 20;

    private readonly FileStream? _stream;
    private readonly byte[]? _bytes;
    private string? _text;

    private FileHead(FileStream? stream, string? error, string? text = null, byte[]? bytes = null)
    {
        _stream = stream;
        Error = error;
        _text = text;
        _bytes = bytes;
    }

    /// <summary>The head of text that is no file (standard input).</summary>
    public static FileHead Of(byte[] bytes) =>
        new(null, null, System.Text.Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, InputDiscovery.HeadBytes)), bytes);

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

    /// <summary>
    /// The first stretch of whole lines of the file, from the start, in which <paramref name="matches"/> holds (the
    /// head itself when it holds there); null when none does or the file cannot be read on. Past the head the file is
    /// read in blocks cut at line breaks, so what <paramref name="matches"/> looks for must lie within one line (a
    /// template marker does). A line longer than a block is looked at a block at a time.
    /// </summary>
    public string? FirstLinesWhere(Func<string, bool> matches)
    {
        var head = Text();
        if (matches(head))
        {
            return head;
        }

        if (_bytes is not null)
        {
            var all = System.Text.Encoding.Latin1.GetString(_bytes);
            return all.Length > head.Length && matches(all) ? all : null;
        }

        if (_stream is null || head.Length < InputDiscovery.HeadBytes)
        {
            return null; // the head was the whole file
        }

        var carry = head[(head.LastIndexOf('\n') + 1)..];
        var buffer = new byte[BlockBytes];
        try
        {
            while (true)
            {
                var read = _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                var block = carry + System.Text.Encoding.Latin1.GetString(buffer, 0, read);
                if (read < buffer.Length)
                {
                    return matches(block) ? block : null;
                }

                var cut = block.LastIndexOf('\n') + 1;
                var lines = cut > 0 ? block[..cut] : block;
                if (matches(lines))
                {
                    return lines;
                }

                carry = cut > 0 ? block[cut..] : block[^Math.Min(block.Length, InputDiscovery.HeadBytes)..];
            }
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    public void Dispose() => _stream?.Dispose();
}
