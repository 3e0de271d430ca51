using System.Runtime.InteropServices;

namespace MtaLint.Text;

/// <summary>Reads and writes whole contents through a descriptor, retrying short transfers and interrupted calls.</summary>
internal static class DescriptorIo
{
    /// <summary>
    /// The content of <paramref name="fd"/> from where it stands, read until its end or until more than
    /// <paramref name="limit"/> bytes came: a caller comparing with content of that length sees a longer file differ without reading all of it.
    /// </summary>
    public static unsafe byte[] ReadAll(FileDescriptor fd, long limit)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        while (true)
        {
            nint n;
            fixed (byte* p = chunk)
            {
                n = Libc.Read(fd, p, chunk.Length);
            }

            if (n < 0)
            {
                if (Marshal.GetLastPInvokeError() == Libc.EIntr)
                {
                    continue;
                }

                throw Libc.Failed("read");
            }

            if (n == 0)
            {
                return buffer.ToArray();
            }

            buffer.Write(chunk, 0, (int)n);
            if (buffer.Length > limit)
            {
                return buffer.ToArray();
            }
        }
    }

    /// <summary>Writes all of <paramref name="bytes"/> to <paramref name="fd"/>; a full disk fails with <c>ENOSPC</c>, a full quota with <c>EDQUOT</c>.</summary>
    public static unsafe void WriteAll(FileDescriptor fd, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* start = bytes)
        {
            var done = 0;
            while (done < bytes.Length)
            {
                var n = Libc.Write(fd, start + done, bytes.Length - done);
                if (n < 0)
                {
                    if (Marshal.GetLastPInvokeError() == Libc.EIntr)
                    {
                        continue;
                    }

                    throw Libc.Failed("write");
                }

                done += (int)n;
            }
        }
    }

    /// <summary>Flushes the file's data and metadata to disk; delayed allocation may only report a full disk here.</summary>
    public static void Sync(FileDescriptor fd)
    {
        if (Libc.Fsync(fd) != 0)
        {
            throw Libc.Failed("fsync");
        }
    }
}
