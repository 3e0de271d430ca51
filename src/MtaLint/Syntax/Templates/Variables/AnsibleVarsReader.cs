using System.Collections.Immutable;
using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using MtaLint.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// Reads an Ansible variables file (<c>defaults/main.yml</c>, <c>vars/main.yml</c>) as Ansible loads it: PyYAML's
/// SafeLoader rules (YAML 1.1: <c>yes</c>/<c>on</c> are booleans, <c>0644</c> is octal, <c>1e5</c> is a string,
/// <c>&lt;&lt;</c> merges), each top-level key a variable. A string holding a template (<c>"{{ x }}"</c>) is defined
/// but opaque: Ansible renders it lazily with variables mtalint does not have. Built on the parser's flat event
/// stream with bounds on size, depth and alias expansion, so no file can make it recurse deeply or expand a
/// billion values; a file it cannot read gives one warning at its place and no variables.
/// </summary>
public static partial class AnsibleVarsReader
{
    /// <summary>Largest file read: role defaults are a few kilobytes (the largest gathered is 41 kB).</summary>
    public const int MaxChars = 1024 * 1024;

    public const int MaxDepth = 64;

    /// <summary>Most values a file may hold once its aliases are expanded.</summary>
    public const long MaxValues = 100_000;

    public static TemplateVariables Read(SourceFile file)
    {
        if (file.Text.Length > MaxChars)
        {
            return Failed(file, 0, $"the variables file is larger than {MaxChars / 1024} KiB; its variables are not read");
        }

        var scanner = new Scanner(new StringReader(file.Text), skipComments: true);
        try
        {
            return Load(file, new Parser(scanner));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException is { Message.Length: > 0 } i ? i : e;
            // YamlDotNet places a tab in the indentation at the scalar before it: point at the tab itself.
            var at = inner.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && IndentingTab(file.Text) is >= 0 and var tab ? tab : (int)e.Start.Index;
            return Failed(file, Math.Clamp(at, 0, file.Text.Length), "not valid YAML, its variables are not read: " + inner.Message);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this for some broken flow collections: report where its scanner stopped.
            return Failed(file, (int)Math.Clamp(scanner.CurrentPosition.Index, 0, file.Text.Length), "not valid YAML, its variables are not read: the text before this point does not parse (is a '[' or '{' left open?)");
        }
        catch (Refused r)
        {
            return Failed(file, r.Offset, r.Message);
        }
    }

    /// <summary>The offset of the first tab in a line's indentation, -1 when there is none.</summary>
    private static int IndentingTab(string text)
    {
        var lineStart = 0;
        while (lineStart < text.Length)
        {
            var p = lineStart;
            while (p < text.Length && text[p] is ' ' or '\t')
            {
                if (text[p] == '\t')
                {
                    return p;
                }

                p++;
            }

            var eol = text.IndexOf('\n', lineStart);
            if (eol < 0)
            {
                break;
            }

            lineStart = eol + 1;
        }

        return -1;
    }

    private static TemplateVariables Failed(SourceFile file, int offset, string message) =>
        new(VariableSource.AnsibleRole, [], [new SyntaxError(file.Span(offset, 0), message)], [file]);

    private static TemplateVariables Load(SourceFile file, Parser parser)
    {
        var builder = new Builder(file);
        TemplateValue? root = null;
        var documents = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    documents++;
                    break;
                case DocumentEnd:
                    break;
                case StreamStart or StreamEnd:
                    break;
                case { } e when documents == 1:
                    if (builder.Add(e) is { } done)
                    {
                        root = done;
                    }

                    break;
                default:
                    // Ansible reads only the first document of a vars file; the rest is skipped unread.
                    break;
            }
        }

        var variables = new List<TemplateVariable>();
        switch (root)
        {
            case null or TemplateNull:
                break;
            case TemplateMap map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key is TemplateString name)
                    {
                        variables.Add(new TemplateVariable(name.Value, value, value.At ?? key.At!));
                    }
                }

                break;
            default:
                throw new Refused(root.At?.Span.Start ?? 0, "an Ansible variables file must be a mapping of names to values; its variables are not read");
        }

        return new TemplateVariables(VariableSource.AnsibleRole, variables, files: [file]);
    }

    /// <summary>What the bounds refuse, at its offset.</summary>
    private sealed class Refused(int offset, string message) : Exception(message)
    {
        public int Offset { get; } = offset;
    }

    /// <summary>Builds values from events without recursion; anchors map to built values, so an alias costs nothing but is counted at its full size.</summary>
    private sealed class Builder(SourceFile file)
    {
        private readonly Stack<Open> _open = new();
        private readonly Dictionary<string, TemplateValue> _anchors = new(StringComparer.Ordinal);
        private long _values;

        /// <summary>Adds one event; returns the root when it is complete.</summary>
        public TemplateValue? Add(ParsingEvent e)
        {
            switch (e)
            {
                case MappingStart m:
                    Push(new Open(true, m.Anchor, Offset(m.Start)), m);
                    return null;
                case SequenceStart s:
                    Push(new Open(false, s.Anchor, Offset(s.Start)), s);
                    return null;
                case MappingEnd or SequenceEnd:
                    var open = _open.Pop();
                    var built = open.Build(file, Offset(e.End));
                    Remember(open.Anchor, built);
                    return Place(built, e);
                case Scalar scalar:
                    var value = Resolve(scalar) with { At = file.Span(Offset(scalar.Start), Offset(scalar.End) - Offset(scalar.Start)) };
                    Count(1, e);
                    Remember(scalar.Anchor, value);
                    return Place(value, e);
                case AnchorAlias alias:
                    if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        throw new Refused(Offset(e.Start), $"the alias *{alias.Value.Value} names no anchor before it");
                    }

                    Count(target.Size, e);
                    return Place(target, e);
                default:
                    return null;
            }
        }

        private void Push(Open open, ParsingEvent e)
        {
            Count(1, e);
            _open.Push(open);
            if (_open.Count > MaxDepth)
            {
                throw new Refused(Offset(e.Start), $"nested more than {MaxDepth} deep; its variables are not read");
            }
        }

        private void Count(long n, ParsingEvent e)
        {
            _values += n;
            if (_values > MaxValues)
            {
                throw new Refused(Offset(e.Start), $"more than {MaxValues} values once aliases are expanded (an alias bomb?); its variables are not read");
            }
        }

        private void Remember(AnchorName anchor, TemplateValue value)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = value;
            }
        }

        private TemplateValue? Place(TemplateValue value, ParsingEvent e)
        {
            if (_open.Count == 0)
            {
                return value;
            }

            _open.Peek().Add(value);
            return null;
        }

        private int Offset(Mark mark) => (int)Math.Clamp(mark.Index, 0, file.Text.Length);
    }

    /// <summary>A mapping or sequence being read.</summary>
    private sealed class Open(bool mapping, AnchorName anchor, int start)
    {
        private readonly List<TemplateValue> _items = [];

        public AnchorName Anchor { get; } = anchor;

        public void Add(TemplateValue value) => _items.Add(value);

        public TemplateValue Build(SourceFile file, int end)
        {
            var span = file.Span(start, Math.Max(0, end - start));
            if (!mapping)
            {
                return new TemplateList([.. _items]) { At = span };
            }

            // PyYAML's flatten_mapping: what '<<' merges comes first, then the mapping's own keys; a key
            // given again keeps its first place and takes the later value (as Python's dict does).
            var merged = new List<KeyValuePair<TemplateValue, TemplateValue>>();
            var own = new List<KeyValuePair<TemplateValue, TemplateValue>>();
            for (var i = 0; i + 1 < _items.Count; i += 2)
            {
                var (key, value) = (_items[i], _items[i + 1]);
                if (key is TemplateMergeKey)
                {
                    IEnumerable<TemplateValue> sources = value is TemplateList l ? l.Items : [value];
                    foreach (var source in sources)
                    {
                        if (source is TemplateMap m)
                        {
                            merged.AddRange(m.Entries);
                        }
                        else
                        {
                            throw new Refused(value.At?.Span.Start ?? start, "a '<<' merge needs a mapping or a list of mappings; its variables are not read");
                        }
                    }
                }
                else
                {
                    own.Add(new(key, value));
                }
            }

            var entries = new List<KeyValuePair<TemplateValue, TemplateValue>>();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var entry in merged.Concat(own))
            {
                var k = KeyIdentity(entry.Key);
                if (k is not null && index.TryGetValue(k, out var at))
                {
                    entries[at] = new(entries[at].Key, entry.Value);
                }
                else
                {
                    if (k is not null)
                    {
                        index[k] = entries.Count;
                    }

                    entries.Add(entry);
                }
            }

            return new TemplateMap([.. entries]) { At = span };
        }

        /// <summary>Python's dict identity of a scalar key (True == 1 == 1.0 hash alike); null for keys it does not compare.</summary>
        private static string? KeyIdentity(TemplateValue key) => key switch
        {
            TemplateString s => "s" + s.Value,
            TemplateBoolean b => "n" + (b.Value ? "1" : "0"),
            TemplateInteger i => "n" + TemplateValues.Integer(i.Value),
            TemplateNull => "none",
            _ => null,
        };
    }

    /// <summary>The '&lt;&lt;' key of a mapping, kept apart until the mapping is built.</summary>
    private sealed record TemplateMergeKey : TemplateValue
    {
        public override long Size => 1;
    }

    /// <summary>A scalar as PyYAML's SafeLoader resolves it (YAML 1.1 implicit types for plain scalars).</summary>
    internal static TemplateValue Resolve(Scalar scalar)
    {
        var text = scalar.Value;
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        switch (tag)
        {
            case null or "!":
                break;
            case "tag:yaml.org,2002:str":
                return new TemplateString(text);
            case "!unsafe":
                // Ansible's !unsafe: the string is never rendered as a template.
                return new TemplateString(text);
            default:
                return new TemplateOpaque($"a value tagged {tag}");
        }

        if (scalar.Style != ScalarStyle.Plain || tag == "!")
        {
            return Str(text);
        }

        if (text == "<<")
        {
            return new TemplateMergeKey();
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return new TemplateNull();
        }

        if (BoolWords.TryGetValue(text, out var b))
        {
            return new TemplateBoolean(b);
        }

        if (IntPattern().IsMatch(text))
        {
            return Int(text) is { } n ? new TemplateInteger(n) : new TemplateOpaque("an integer mtalint does not read");
        }

        if (FloatPattern().IsMatch(text))
        {
            var plain = text.Replace("_", "", StringComparison.Ordinal);
            return !plain.Contains(':', StringComparison.Ordinal) && !plain.Contains("inf", StringComparison.OrdinalIgnoreCase) && !plain.Contains("nan", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                ? new TemplateFloat(d)
                : new TemplateOpaque("a float mtalint does not read");
        }

        if (TimestampPattern().IsMatch(text))
        {
            return new TemplateOpaque("a date");
        }

        if (text == "=")
        {
            return new TemplateOpaque("YAML's value key '='");
        }

        return Str(text);
    }

    /// <summary>A string; one holding a template is rendered by Ansible with variables mtalint does not have.</summary>
    private static TemplateValue Str(string text) =>
        text.Contains("{{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal)
            ? new TemplateOpaque("a template in a variable")
            : new TemplateString(text);

    private static readonly Dictionary<string, bool> BoolWords = new(StringComparer.Ordinal)
    {
        ["yes"] = true, ["Yes"] = true, ["YES"] = true, ["true"] = true, ["True"] = true, ["TRUE"] = true, ["on"] = true, ["On"] = true, ["ON"] = true,
        ["no"] = false, ["No"] = false, ["NO"] = false, ["false"] = false, ["False"] = false, ["FALSE"] = false, ["off"] = false, ["Off"] = false, ["OFF"] = false,
    };

    /// <summary>PyYAML's construct_yaml_int: signs, '_', 0b, 0x, a leading 0 for octal, base 60 with ':'.</summary>
    private static BigInteger? Int(string text)
    {
        var value = text.Replace("_", "", StringComparison.Ordinal);
        var sign = BigInteger.One;
        if (value[0] is '-' or '+')
        {
            sign = value[0] == '-' ? BigInteger.MinusOne : BigInteger.One;
            value = value[1..];
        }

        if (value.Length > 400)
        {
            return null;
        }

        if (value == "0")
        {
            return BigInteger.Zero;
        }

        if (value.StartsWith("0b", StringComparison.Ordinal))
        {
            return sign * Digits(value[2..], 2);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal))
        {
            return sign * Digits(value[2..], 16);
        }

        if (value[0] == '0')
        {
            return sign * Digits(value[1..], 8);
        }

        if (value.Contains(':', StringComparison.Ordinal))
        {
            var n = BigInteger.Zero;
            foreach (var part in value.Split(':'))
            {
                n = n * 60 + Digits(part, 10);
            }

            return sign * n;
        }

        return sign * Digits(value, 10);
    }

    private static BigInteger Digits(string digits, int radix)
    {
        var n = BigInteger.Zero;
        foreach (var c in digits)
        {
            n = n * radix + Convert.ToInt32(c.ToString(), 16);
        }

        return n;
    }

    [GeneratedRegex(@"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$")]
    private static partial Regex TimestampPattern();
}
