using System.Text;
using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Probe;

/// <summary>
/// The session as text, one line per event, so findings can point at the line that is the evidence:
/// <c>C: </c> what the probe sent, <c>S: </c> what the server sent, <c>*: </c> the probe's own notes.
/// </summary>
/// <remarks>Safe to use from two threads: a run abandoned at the overall limit may still add a line while the result is built.</remarks>
internal sealed class TranscriptBuilder
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private int _nextLine = 1;

    /// <summary>The 1-based number of the next line.</summary>
    public int NextLine
    {
        get
        {
            lock (_gate)
            {
                return _nextLine;
            }
        }
    }

    public void Sent(string line) => Add("C: " + line);

    public void Note(string line) => Add("*: " + line);

    /// <summary>Adds a reply's lines and returns it as a <see cref="SmtpReply"/> pointing at them.</summary>
    public SmtpReply Received(RawReply reply)
    {
        lock (_gate)
        {
            var first = _nextLine;
            foreach (var line in reply.Lines)
            {
                Add("S: " + line);
            }

            return new SmtpReply(reply.Code, reply.Lines, first);
        }
    }

    /// <summary>Adds what arrived of a reply that broke the protocol or a limit.</summary>
    public void ReceivedPartial(IEnumerable<string> lines)
    {
        lock (_gate)
        {
            foreach (var line in lines)
            {
                Add("S: " + line);
            }
        }
    }

    public SourceFile Build(string endpoint)
    {
        lock (_gate)
        {
            return new($"{endpoint} (session)", _text.ToString());
        }
    }

    private void Add(string line)
    {
        // Lock is re-entrant: Received holds it across a reply's lines.
        lock (_gate)
        {
            _text.Append(line.Replace('\n', ' ').Replace('\r', ' ')).Append('\n');
            _nextLine++;
        }
    }
}
