using MtaLint.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>
/// Where m4 writes while an .mc runs, and what reaches diversion 0, the text that goes into
/// sendmail.cf as it is: m4's <c>divert</c>, the diversions sendmail-cf's macros switch to
/// (cfhead.m4), and the comment lines sendmail-cf's files write. The evaluator decides whether text
/// is written at all (not while a call's arguments are collected or a value is rendered).
/// </summary>
internal sealed class McDiversions
{
    /// <summary>What VERSIONID writes where it stands (a <c>#####</c> comment without its line break), as one <c>#</c>.</summary>
    private const string CfVersionId = "#";

    /// <summary>The comment line a sendmail-cf file writes (its VERSIONID), as one <c>#</c>.</summary>
    private const string CfComment = "#\n";

    private readonly List<McOutput> _output = [];
    private readonly Stack<int> _pushed = new();

    /// <summary>Where m4 writes text now: 0 is the output itself, a negative number discards, others are collected for proto.m4 to place.</summary>
    private int _diversion;

    /// <summary>What m4 wrote to diversion 0, in order.</summary>
    public IReadOnlyList<McOutput> Output => _output;

    /// <summary>Records <paramref name="piece"/> when m4 writes to diversion 0 now.</summary>
    public void Write(McOutput piece)
    {
        if (_diversion == 0)
        {
            _output.Add(piece);
        }
    }

    /// <summary>cf.m4 writes its header (comment lines) and leaves m4 writing to diversion 0.</summary>
    public void StartCf(bool writing)
    {
        _diversion = 0;
        WriteGenerated(CfComment, writing, toOutputItself: true);
    }

    /// <summary>
    /// Text written since <paramref name="from"/> (a count of <see cref="Output"/>) out of no file's
    /// text (a macro's value) comes from <paramref name="call"/>: a finding on it points there.
    /// sendmail-cf's comment lines stay its own.
    /// </summary>
    public void Attribute(int from, SourceSpan call)
    {
        for (var i = from; i < _output.Count; i++)
        {
            if (_output[i] is { At: null, Produced: { } produced } piece && !IsCfComment(produced))
            {
                _output[i] = piece with { At = call };
            }
        }
    }

    /// <summary>m4's <c>divert</c>: no argument is diversion 0; a non-number is an error m4 reports, and it stays where it was.</summary>
    public void Divert(string argument)
    {
        var text = argument.Trim();
        if (text.Length == 0)
        {
            _diversion = 0;
        }
        else if (int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            _diversion = n;
        }
    }

    /// <summary>Where a sendmail-cf macro leaves m4 writing (cfhead.m4), and the comment line its file writes.</summary>
    public void DivertFor(CfCall call, bool writing)
    {
        switch (call.Name)
        {
            case "VERSIONID":
                WriteGenerated(CfVersionId, writing);
                break;
            case "OSTYPE" or "DOMAIN" or "FEATURE" or "HACK":
                WriteGenerated(CfComment, writing, toOutputItself: true);
                break;
            case "PUSHDIVERT":
                _pushed.Push(_diversion);
                Divert(call.Arg(0));
                break;
            case "POPDIVERT" when _pushed.Count > 0:
                _diversion = _pushed.Pop();
                break;
            default:
                if (SendmailCfKnowledge.RawSections.TryGetValue(call.Name, out var diversion))
                {
                    _diversion = diversion;
                }

                break;
        }
    }

    private static bool IsCfComment(string text) => ReferenceEquals(text, CfComment) || ReferenceEquals(text, CfVersionId);

    /// <param name="toOutputItself">
    /// The text goes to diversion 0 whatever the current one is: an OSTYPE, DOMAIN, FEATURE or HACK
    /// file switches to diversion 0 for its VERSIONID line and back.
    /// </param>
    private void WriteGenerated(string text, bool writing, bool toOutputItself = false)
    {
        if ((_diversion == 0 || toOutputItself) && writing)
        {
            _output.Add(new McOutput(null, text));
        }
    }
}
