namespace MtaLint.Text;

/// <summary>
/// A write-only stream onto an open descriptor. A failed write (a full disk, a full quota) is kept
/// in <see cref="Failure"/> rather than thrown into whatever is producing the text: the owner of
/// the file decides at the end what a file that could not be written whole means.
/// </summary>
internal sealed class DescriptorStream(FileDescriptor fd) : Stream
{
    /// <summary>The first write that failed; nothing is written after it.</summary>
    public SystemCallException? Failure { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            DescriptorIo.WriteAll(fd, buffer);
        }
        catch (SystemCallException e)
        {
            Failure = e;
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
