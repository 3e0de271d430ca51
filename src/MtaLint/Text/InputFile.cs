
namespace MtaLint.Text;

/// <summary>A file as read from disk: its text, and the exact bytes, so a write can tell whether the file changed meanwhile.</summary>
public sealed class InputFile
{
    private InputFile(SourceFile source, byte[] bytes, FileStatus? status = null, byte[]? location = null)
    {
        Source = source;
        Bytes = bytes;
        Status = status;
        Location = location;
    }

    public SourceFile Source { get; }

    public byte[] Bytes { get; }

    /// <summary>The file as it was when read (which file, size, modification time); null where the system cannot tell.</summary>
    internal FileStatus? Status { get; }

    /// <summary>Where the file that was read is, symlinks resolved (<see cref="FileLocation"/>); null where the system cannot tell.</summary>
    internal byte[]? Location { get; }

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
            return new InputFile(SourceFile.FromBytes(path, bytes), bytes, StatusOf(stream), FileLocation.Of(stream.SafeFileHandle));
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            error = Describe(e);
            return Empty(path);
        }
    }

    /// <summary>Text that comes from no file (standard input), read as <paramref name="path"/>; an empty file with <paramref name="error"/> when it is over <see cref="MaxBytes"/>.</summary>
    public static InputFile FromBytes(string path, byte[] bytes, out string? error)
    {
        if (bytes.LongLength > MaxBytes)
        {
            error = $"the input is larger than {MaxBytes / (1024 * 1024)} MiB";
            return Empty(path);
        }

        error = null;
        return new InputFile(SourceFile.FromBytes(path, bytes), bytes);
    }
    /// <summary>Why a path over PATH_MAX cannot be opened, and what to do about it.</summary>
    public const string TooLong = "the path is longer than the system opens (PATH_MAX, 4,096 bytes); run mtalint from a folder nearer to it";

    private static FileStatus? StatusOf(FileStream stream)
    {
        try
        {
            return OperatingSystem.IsLinux() ? FileStatus.Of(stream.SafeFileHandle) : null;
        }
        catch (Exception e) when (e is IOException or DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static InputFile Empty(string path) => new(new SourceFile(path, string.Empty), []);

    internal static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        PathTooLongException => TooLong,
        _ => e.Message,
    };
}
