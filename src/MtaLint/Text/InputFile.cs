
namespace MtaLint.Text;

/// <summary>A file as read from disk: its text, and the exact bytes, so a write can tell whether the file changed meanwhile.</summary>
public sealed class InputFile
{
    private InputFile(SourceFile source, byte[] bytes, FileIdentity? identity = null)
    {
        Source = source;
        Bytes = bytes;
        Identity = identity;
    }

    public SourceFile Source { get; }

    public byte[] Bytes { get; }

    /// <summary>The file that was read (device and inode, symlinks followed); null where the system cannot tell.</summary>
    public FileIdentity? Identity { get; }

    /// <summary>Largest file read; bigger ones are reported rather than loaded (no MTA config is near this).</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/>, or returns why it cannot be read.</summary>
    public static InputFile Read(string path, out string? error)
    {
        error = null;
        try
        {
            using var stream = SafeOpen.ForRead(path);
            if (UnixFileType.IsSpecial(stream, path))
            {
                error = UnixFileType.NotRegular(path);
                return Empty(path);
            }

            if (stream.Length > MaxBytes)
            {
                error = $"the file is larger than {MaxBytes / (1024 * 1024)} MiB";
                return Empty(path);
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return new InputFile(SourceFile.FromBytes(path, bytes), bytes, UnixFileType.IdentityOf(stream.SafeFileHandle));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            error = Describe(e);
            return Empty(path);
        }
    }

    /// <summary>Why a path over PATH_MAX cannot be opened, and what to do about it.</summary>
    public const string TooLong = "the path is longer than the system opens (PATH_MAX, 4,096 bytes); run mtalint from a folder nearer to it";

    private static InputFile Empty(string path) => new(new SourceFile(path, string.Empty), []);

    internal static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        PathTooLongException => TooLong,
        _ => e.Message,
    };
}
