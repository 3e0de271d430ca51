using System.Globalization;
using System.Text;

namespace MtaLint.Probe;

/// <summary>A reply as read, before it is placed in the transcript.</summary>
internal sealed record RawReply(int Code, IReadOnlyList<string> Lines);

/// <summary>The server broke the protocol or a limit; <see cref="PartialLines"/> is what arrived of the reply.</summary>
internal sealed class SmtpProtocolException(string message, IReadOnlyList<string> partialLines) : Exception(message)
{
    public IReadOnlyList<string> PartialLines { get; } = partialLines;
}

/// <summary>
/// Reads SMTP replies (RFC 5321 4.2) from a stream with every quantity bounded:
/// line length, lines per reply, octets per reply. Time is bounded by the caller's token.
/// </summary>
internal sealed class SmtpReplyReader(Stream stream, ProbeLimits limits)
{
    private const int ShownPrefix = 200;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    /// <summary>True when the server has sent bytes not yet read as a reply (data pipelined after a 220 to STARTTLS).</summary>
    public bool HasBufferedData => _end > _start;

    public async Task<RawReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var octets = 0;
        var code = -1;
        while (true)
        {
            var (line, length) = await ReadLineAsync(lines, cancellationToken).ConfigureAwait(false);
            octets += length;
            lines.Add(line);
            if (octets > limits.MaxReplyBytes)
            {
                throw new SmtpProtocolException($"reply longer than {limits.MaxReplyBytes} octets", Shown(lines));
            }

            if (lines.Count > limits.MaxReplyLines)
            {
                throw new SmtpProtocolException($"reply of more than {limits.MaxReplyLines} lines", Shown(lines));
            }

            if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])
                || (line.Length > 3 && line[3] is not (' ' or '-')))
            {
                throw new SmtpProtocolException($"malformed reply line (not a 3-digit code followed by ' ' or '-'): \"{Clip(line)}\"", Shown(lines));
            }

            var lineCode = int.Parse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture);
            if (code >= 0 && lineCode != code)
            {
                throw new SmtpProtocolException($"reply lines with different codes ({code} then {lineCode})", Shown(lines));
            }

            code = lineCode;
            if (line.Length == 3 || line[3] == ' ')
            {
                return new RawReply(code, lines);
            }
        }
    }

    private async Task<(string Line, int Length)> ReadLineAsync(List<string> replySoFar, CancellationToken cancellationToken)
    {
        var line = new MemoryStream();
        while (true)
        {
            if (_start < _end)
            {
                var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                var take = (newline >= 0 ? newline : _end) - _start;
                if (line.Length + take > limits.MaxLineLength)
                {
                    line.Write(_buffer, _start, Math.Min(take, ShownPrefix));
                    throw new SmtpProtocolException(
                        $"reply line longer than {limits.MaxLineLength} octets",
                        Shown([.. replySoFar, Decode(line.ToArray()) + "..."]));
                }

                line.Write(_buffer, _start, take);
                if (newline >= 0)
                {
                    _start = newline + 1;
                    var bytes = line.ToArray();
                    var length = bytes.Length + 1;
                    var end = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
                    return (Decode(bytes.AsSpan(0, end).ToArray()), length);
                }

                _start = _end;
            }

            var n = await stream.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            _start = 0;
            _end = n;
            if (n == 0)
            {
                var partial = line.Length > 0 ? [.. replySoFar, Decode(line.ToArray())] : replySoFar;
                throw new SmtpProtocolException(
                    partial.Count == 0 ? "the server closed the connection without a reply" : "the server closed the connection in the middle of a reply",
                    Shown(partial));
            }
        }
    }

    /// <summary>Decodes a line for the transcript: UTF-8 where valid, unsafe chars (<see cref="Text.UnsafeChars"/>) replaced so they cannot reach a terminal.</summary>
    private static string Decode(byte[] bytes) => Text.UnsafeChars.Replaced(Utf8.GetString(bytes));

    private static string Clip(string line) => line.Length <= 80 ? line : line[..80] + "...";

    /// <summary>At most the first lines of a reply that broke a limit, for the transcript.</summary>
    private static IReadOnlyList<string> Shown(IReadOnlyList<string> lines)
    {
        var shown = lines.Take(20).Select(l => l.Length <= ShownPrefix ? l : l[..ShownPrefix] + "...").ToList();
        if (lines.Count > 20)
        {
            shown.Add($"... ({lines.Count - 20} more lines)");
        }

        return shown;
    }
}
