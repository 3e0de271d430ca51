using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Lifts <c>smtpd_banner</c> into banner parts: <c>$myhostname</c> is the host name,
/// <c>$mail_name</c> the product (while it says <c>Postfix</c>), <c>$mail_version</c> the version;
/// other parameters are followed into their values (those parts carry <see cref="BannerPart.Via"/>
/// and the raw text of that parameter, so concatenating the raws inlines them), conditionals into
/// the branch Postfix takes. Literal text is split into words and blank runs, each with its span.
/// </summary>
internal sealed class PostfixBannerBuilder(PostfixScope scope)
{
    private const int MaxDepth = 20;

    /// <summary>
    /// Parts made by splitting literal text or by following references; past it, the rest of a
    /// literal is one part and a reference one part with its expanded value. A real banner has a
    /// dozen; a megabyte of words made a part per word, and references that each use the next
    /// twice made a part per leaf (2^20 for 20 levels).
    /// </summary>
    public const int MaxParts = 256;

    /// <summary>Literal text longer than this is one part (a slice of its value, like every literal part).</summary>
    public const int MaxSplitLength = 64 * 1024;
    public const string RecommendedRaw = "$myhostname ESMTP";

    public Banner Build()
    {
        var setting = scope.Value("smtpd_banner");
        var parts = new List<BannerPart>();
        var source = scope.Source("smtpd_banner");
        // The value as it is held (a slice of main.cf's text): the parts are slices of it.
        var raw = setting.RawText;
        var expression = scope.Parameters.Parsed.TryParse(raw, out _);
        if (expression is null)
        {
            parts.Add(new BannerPart(raw, raw, BannerPartKind.Dynamic, setting.ValueSpan));
        }
        else
        {
            AddParts(parts, expression, raw, source, via: null, new HashSet<string>(StringComparer.Ordinal) { "smtpd_banner" }, 0);
        }

        // The parts are expansions already made, but a part per level of references that double
        // is put together into a banner of 2^levels chars: the banner is bounded like them.
        var length = 0L;
        foreach (var part in parts)
        {
            length += part.Rendered.Length;
        }

        if (!scope.Parameters.Budget.Fits(length, ["smtpd_banner"]))
        {
            parts = [new BannerPart(raw, string.Empty, BannerPartKind.Dynamic, setting.ValueSpan)]; // the configuration is refused
        }

        return new Banner(setting, parts, RecommendedRaw);
    }

    private void AddParts(List<BannerPart> parts, PostfixExpression expression, TextSlice text, (MappedText Text, SourceFile File)? source, string? via, HashSet<string> visiting, int depth)
    {
        foreach (var node in expression.Nodes)
        {
            if (node is PostfixLiteral literal)
            {
                AddLiteral(parts, literal, source, via); // its own text: no copy of it here
                continue;
            }

            if (node is PostfixConditional conditional)
            {
                var branch = scope.Parameters.IsSet(conditional.Name) ? conditional.WhenSet : conditional.WhenUnset;
                if (branch is not null)
                {
                    AddParts(parts, branch, text, source, via, visiting, depth + 1);
                }

                continue;
            }

            var raw = text[node.Start..node.End];
            var span = SpanOf(source, node.Start, node.End);
            switch (node)
            {
                case PostfixReference { Name: "myhostname" }:
                    parts.Add(new BannerPart(raw, scope.Expanded("myhostname"), BannerPartKind.Hostname, span, via));
                    break;
                case PostfixReference { Name: "mail_version" }:
                    parts.Add(new BannerPart(raw, scope.Expanded("mail_version"), BannerPartKind.Version, span, via));
                    break;
                case PostfixReference { Name: "mail_name" } when scope.Expanded("mail_name") == "Postfix":
                    parts.Add(new BannerPart(raw, "Postfix", BannerPartKind.Product, span, via));
                    break;
                case PostfixReference reference:
                    Follow(parts, reference.Name, raw, span, via, visiting, depth);
                    break;
                default:
                    parts.Add(new BannerPart(raw, scope.Parameters.Evaluate(node, 0).ToString(), BannerPartKind.Dynamic, span, via));
                    break;
            }
        }
    }

    private void Follow(List<BannerPart> parts, string name, TextSlice raw, SourceSpan? span, string? via, HashSet<string> visiting, int depth)
    {
        var value = scope.Parameters.RawText(name);
        var expression = value is null || PostfixDefaults.Instance.RawParameters.Contains(name) ? null : scope.Parameters.Parsed.TryParse(value.Value, out _);
        if (value is null || expression is null || depth > MaxDepth || parts.Count >= MaxParts || !visiting.Add(name))
        {
            parts.Add(new BannerPart(raw, scope.Expanded(name), BannerPartKind.Dynamic, span, via));
            return;
        }

        AddParts(parts, expression, value.Value, scope.Source(name), via ?? name, visiting, depth + 1);
        visiting.Remove(name);
    }

    private static void AddLiteral(List<BannerPart> parts, PostfixLiteral literal, (MappedText Text, SourceFile File)? source, string? via)
    {
        var raw = literal.Raw;
        if (raw.Length > MaxSplitLength)
        {
            parts.Add(new BannerPart(raw, Rendered(raw), BannerPartKind.Literal, SpanOf(source, literal.Start, literal.End), via));
            return;
        }

        var i = 0;
        while (i < raw.Length)
        {
            var blank = IsBlank(raw[i]);
            var j = i + 1;
            while (j < raw.Length && IsBlank(raw[j]) == blank)
            {
                j++;
            }

            if (parts.Count >= MaxParts)
            {
                j = raw.Length; // the rest in one part
            }

            var piece = raw[i..j];
            parts.Add(new BannerPart(piece, Rendered(piece), BannerPartKind.Literal,
                SpanOf(source, literal.Start + i, literal.Start + j), via));
            i = j;
        }
    }

    // What clients see for literal text: $$ is one $; without $$, the text itself (not a copy).
    private static TextSlice Rendered(TextSlice raw) => raw.IndexOf("$$") < 0 ? raw : raw.ToString().Replace("$$", "$", StringComparison.Ordinal);

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static SourceSpan? SpanOf((MappedText Text, SourceFile File)? source, int start, int end)
    {
        if (source is not { } s || end > s.Text.Length)
        {
            return null;
        }

        var span = s.Text.FileSpan(start, end);
        return s.File.Span(span.Start, span.Length);
    }
}
