using System.Text;
using MtaLint.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// A minimal textual edit of one string scalar of a YAML variables file (a role's <c>defaults/main.yml</c>) that
/// replaces chars [start, end) of its value: only the chars that change are rewritten, in the scalar's own quoting
/// (plain, <c>'single'</c> with <c>''</c>, <c>"double"</c> with backslash escapes), so comments, indentation and line
/// ends stay. A plain scalar is re-quoted (single, else double) only when the new value would read otherwise plain
/// (<c>yes</c>, <c>12</c>, a leading indicator, <c>': '</c>, <c>' #'</c>). Every edit is proved: the edited file,
/// parsed again, gives the same events as before except the one scalar, which Ansible's loader
/// (<see cref="AnsibleVarsReader.Resolve"/>) now reads as exactly the new string. Refused (with the reason): block
/// scalars, scalars over several lines, anchors, tags, values that are not a plain string literal, a new value with
/// control chars or a template in it, and anything the proof does not confirm.
/// </summary>
/// <param name="Span">The chars of the file replaced.</param>
/// <param name="NewText">What replaces them.</param>
public sealed record YamlScalarEdit(TextSpan Span, string NewText)
{
    /// <summary>
    /// The edit of the scalar that starts at <paramref name="scalarStart"/> in <paramref name="yaml"/> replacing chars
    /// [<paramref name="start"/>, <paramref name="end"/>) of its value by <paramref name="text"/>; null, with
    /// <paramref name="refusal"/> saying why, when it cannot be made or proved.
    /// </summary>
    public static YamlScalarEdit? Of(SourceFile yaml, int scalarStart, int start, int end, string text, out string? refusal)
    {
        refusal = null;
        if (Events(yaml.Text) is not { } before)
        {
            refusal = "the file does not parse as YAML";
            return null;
        }

        var index = before.FindIndex(e => e is Scalar s && (int)s.Start.Index == scalarStart);
        if (index < 0 || before[index] is not Scalar scalar)
        {
            refusal = "no scalar starts at the value's place";
            return null;
        }

        refusal = Unfit(scalar, start, end, text);
        if (refusal is not null)
        {
            return null;
        }

        var value = scalar.Value;
        var wanted = string.Concat(value.AsSpan(0, start), text, value.AsSpan(end));
        (start, end, text) = Changed(value, start, end, text);
        var rawStart = (int)scalar.Start.Index;
        var raw = yaml.Text[rawStart..(int)scalar.End.Index];
        var candidates = new List<YamlScalarEdit>();
        if (Offsets(raw, scalar.Style) is { } map && map[start] >= 0 && map[end] >= 0)
        {
            candidates.Add(new YamlScalarEdit(TextSpan.FromBounds(rawStart + map[start], rawStart + map[end]), Encode(text, scalar.Style)));
        }

        if (scalar.Style == ScalarStyle.Plain)
        {
            // Re-quoted only when the plain edit does not read as the new string.
            candidates.Add(new YamlScalarEdit(new TextSpan(rawStart, raw.Length), "'" + wanted.Replace("'", "''", StringComparison.Ordinal) + "'"));
            candidates.Add(new YamlScalarEdit(new TextSpan(rawStart, raw.Length), "\"" + Encode(wanted, ScalarStyle.DoubleQuoted) + "\""));
        }

        foreach (var candidate in candidates)
        {
            if (Proved(before, index, candidate.ApplyTo(yaml.Text), wanted))
            {
                return candidate;
            }
        }

        refusal = "the edited file would not read as the new value and nothing else changed";
        return null;
    }

    /// <summary>
    /// The chars that really change when [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="value"/>
    /// becomes <paramref name="text"/> (a rule's fix often rewrites a whole value to drop one word): what they share at
    /// either end is kept, and a surrogate pair is never cut.
    /// </summary>
    private static (int Start, int End, string Text) Changed(string value, int start, int end, string text)
    {
        var head = 0;
        while (head < text.Length && start + head < end && value[start + head] == text[head])
        {
            head++;
        }

        if (head > 0 && char.IsHighSurrogate(text[head - 1]))
        {
            head--;
        }

        var tail = 0;
        while (tail < text.Length - head && end - tail > start + head && value[end - tail - 1] == text[text.Length - tail - 1])
        {
            tail++;
        }

        if (tail > 0 && char.IsLowSurrogate(value[end - tail]))
        {
            tail--;
        }

        return (start + head, end - tail, text[head..(text.Length - tail)]);
    }

    /// <summary><paramref name="text"/> with this edit made.</summary>
    public string ApplyTo(string text) => string.Concat(text.AsSpan(0, Span.Start), NewText, text.AsSpan(Span.End));

    private static string? Unfit(Scalar scalar, int start, int end, string text)
    {
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return "the value is a block scalar (| or >)";
        }

        if (scalar.Start.Line != scalar.End.Line)
        {
            return "the value is written over several lines";
        }

        if (!scalar.Anchor.IsEmpty)
        {
            return $"the value has an anchor (&{scalar.Anchor.Value}) that other values may share";
        }

        if (!scalar.Tag.IsEmpty)
        {
            return $"the value is tagged {scalar.Tag.Value}";
        }

        if (AnsibleVarsReader.Resolve(scalar) is not TemplateString)
        {
            return "the value is not a plain string literal";
        }

        if (start < 0 || end < start || end > scalar.Value.Length)
        {
            return "the edit is outside the value";
        }

        if (text.Any(char.IsControl) || text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal))
        {
            return "the new text has a control character or a template in it";
        }

        return null;
    }

    /// <summary>For each char of the value (and its end), the offset in <paramref name="raw"/> where it starts; -1 inside an escape that makes two chars.</summary>
    private static int[]? Offsets(string raw, ScalarStyle style)
    {
        switch (style)
        {
            case ScalarStyle.Plain:
                return Enumerable.Range(0, raw.Length + 1).ToArray();
            case ScalarStyle.SingleQuoted:
            {
                var map = new List<int>();
                for (var i = 1; i < raw.Length - 1; i++)
                {
                    map.Add(i);
                    if (raw[i] == '\'')
                    {
                        i++;
                    }
                }

                map.Add(raw.Length - 1);
                return [.. map];
            }

            case ScalarStyle.DoubleQuoted:
            {
                var map = new List<int>();
                for (var i = 1; i < raw.Length - 1;)
                {
                    map.Add(i);
                    if (raw[i] != '\\')
                    {
                        i++;
                        continue;
                    }

                    var (length, chars) = raw[i + 1] switch
                    {
                        'x' => (4, 1),
                        'u' => (6, 1),
                        'U' => (10, int.TryParse(raw.AsSpan(i + 2, Math.Min(8, raw.Length - i - 2)), System.Globalization.NumberStyles.HexNumber, null, out var cp) && cp > 0xFFFF ? 2 : 1),
                        _ => (2, 1),
                    };
                    for (var c = 1; c < chars; c++)
                    {
                        map.Add(-1);
                    }

                    i += length;
                }

                map.Add(raw.Length - 1);
                return [.. map];
            }

            default:
                return null;
        }
    }

    private static string Encode(string text, ScalarStyle style)
    {
        switch (style)
        {
            case ScalarStyle.SingleQuoted:
                return text.Replace("'", "''", StringComparison.Ordinal);
            case ScalarStyle.DoubleQuoted:
                var escaped = new StringBuilder(text.Length);
                foreach (var c in text)
                {
                    escaped.Append(c switch
                    {
                        '\\' => "\\\\",
                        '"' => "\\\"",
                        _ => c.ToString(),
                    });
                }

                return escaped.ToString();
            default:
                return text;
        }
    }

    /// <summary>Whether <paramref name="edited"/> parses to <paramref name="before"/>'s events with only the scalar at <paramref name="index"/> changed, to a string Ansible reads as <paramref name="wanted"/>.</summary>
    private static bool Proved(List<ParsingEvent> before, int index, string edited, string wanted)
    {
        if (Events(edited) is not { } after || after.Count != before.Count)
        {
            return false;
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (i == index)
            {
                if (after[i] is not Scalar s || !s.Anchor.IsEmpty || !s.Tag.IsEmpty || s.Start.Line != s.End.Line
                    || s.Style is not (ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
                    || AnsibleVarsReader.Resolve(s) is not TemplateString { } read || read.Value != wanted)
                {
                    return false;
                }

                continue;
            }

            if (!Same(before[i], after[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(ParsingEvent a, ParsingEvent b) => (a, b) switch
    {
        (Scalar x, Scalar y) => x.Value == y.Value && x.Style == y.Style && x.Anchor.Equals(y.Anchor) && x.Tag.Equals(y.Tag),
        (MappingStart x, MappingStart y) => x.Anchor.Equals(y.Anchor) && x.Tag.Equals(y.Tag) && x.Style == y.Style,
        (SequenceStart x, SequenceStart y) => x.Anchor.Equals(y.Anchor) && x.Tag.Equals(y.Tag) && x.Style == y.Style,
        (AnchorAlias x, AnchorAlias y) => x.Value == y.Value,
        (DocumentStart x, DocumentStart y) => x.IsImplicit == y.IsImplicit,
        _ => a.GetType() == b.GetType(),
    };

    /// <summary>The parse events of <paramref name="text"/>, or null when it does not parse (or is past the reader's bound).</summary>
    private static List<ParsingEvent>? Events(string text)
    {
        if (text.Length > AnsibleVarsReader.MaxChars)
        {
            return null;
        }

        var events = new List<ParsingEvent>();
        try
        {
            var parser = new Parser(new Scanner(new StringReader(text), skipComments: true));
            while (parser.MoveNext())
            {
                events.Add(parser.Current!);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null;
        }

        return events;
    }
}
