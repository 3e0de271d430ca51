using MtaLint.Syntax.Templates;
using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>One tag of a template: text the engine replaces or drops, which no edit may touch.</summary>
/// <param name="Written">Where the tag is written, in <see cref="Span"/>'s file: the tag itself, or for a hole borrowed
/// by a line it reaches through a name or a macro, the tag that line depends on.</param>
/// <param name="CodeAt">What is inside its delimiters, in the same file.</param>
/// <param name="IsHole">Whether the config reads it as unknown text: an expression the resolver did not know, or a statement next to text.</param>
/// <param name="OpensLine">Whether it is a statement at the start of a line with text right after it (<c>{% if x %}name = v</c>): what is on the line renders only where the text after it does.</param>
public sealed record TemplateTag(SourceSpan Span, TextSpan Written, TextSpan CodeAt, bool IsHole, bool IsExpression, bool OpensLine = false)
{
    /// <summary>The defaults a known expression's text comes from (empty for a hole, a statement, or a text known without them).</summary>
    public IReadOnlyList<TemplateOrigin> From { get; init; } = [];

    // Text and Code are read for messages about a few tags; a template has tens of thousands: not copied out up front.

    /// <summary>The tag as written (<c>{{ ansible_fqdn }}</c>).</summary>
    public string Text => Span.File.Text.Substring(Written.Start, Written.Length);

    /// <summary>What is inside its delimiters, trimmed (<c>ansible_fqdn</c>): the variable or code that decides it.</summary>
    public string Code => Span.File.Text.AsSpan(CodeAt.Start, CodeAt.Length).Trim().ToString();
}

/// <summary>
/// Text of a template rendered only under a condition, or once per item of a loop.
/// </summary>
/// <param name="Body">The text inside the branch.</param>
/// <param name="Block">Which block the branch belongs to (an index within the file's template): two branches of the same conditional block never both render.</param>
/// <param name="When">When it renders, for a message: <c>`postfix_tls` is true</c>, <c>`a` is false and `b` is true</c>, <c>for each item of `xs`</c>.</param>
public sealed record TemplateRegion(SourceSpan Body, int Block, int Branch, bool IsConditional, string When);

/// <summary>What the model knows about the templates of a config: which text is a tag, which lines are conditional, which parts make settings of names only the variables know.</summary>
public sealed class TemplateFacts
{
    public TemplateFacts(IReadOnlyList<TemplateTag> tags, IReadOnlyList<TemplateRegion> regions, IReadOnlyList<(SourceSpan At, string What)> generated)
    {
        Tags = tags;
        Regions = regions;
        Generated = generated;
        // Indexed per file so that judging each of many findings costs a search, not a walk over every tag.
        _tags = new Dictionary<string, List<TemplateTag>>(StringComparer.Ordinal);
        foreach (var (path, list) in ByPath(tags, t => t.Span.File.Path))
        {
            // A template's tags come in order: sorting is for tags added after them (a borrowed hole).
            _tags[path] = InOrder(list, (a, b) => a.Span.Span.Start.CompareTo(b.Span.Span.Start))
                ? list
                : [.. list.OrderBy(t => t.Span.Span.Start)];
        }

        _regions = new Dictionary<string, RegionIndex>(StringComparer.Ordinal);
        foreach (var (path, list) in ByPath(regions, r => r.Body.File.Path))
        {
            _regions[path] = RegionIndex.Of(list);
        }
        foreach (var path in _tags.Keys.Concat(_regions.Keys))
        {
            _paths.Add(path);
        }
    }

    private readonly Dictionary<string, List<TemplateTag>> _tags; // each list is its own, made by ByPath

    private static Dictionary<string, List<T>> ByPath<T>(IReadOnlyList<T> items, Func<T, string> path)
    {
        var groups = new Dictionary<string, List<T>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = path(item);
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
            }

            list.Add(item);
        }

        return groups;
    }

    private static bool InOrder<T>(List<T> items, Comparison<T> compare)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (compare(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }

        return true;
    }
    private readonly Dictionary<string, RegionIndex> _regions;

    /// <summary>Every tag, in file and offset order.</summary>
    public IReadOnlyList<TemplateTag> Tags { get; }

    public IReadOnlyList<TemplateRegion> Regions { get; private set; }

    /// <summary>
    /// Where the template makes settings whose names come from variables (a loop whose body assigns, an
    /// assignment with a tag in its name): any setting may be set there, so no setting is known to be absent.
    /// </summary>
    public IReadOnlyList<(SourceSpan At, string What)> Generated { get; }

    /// <summary>
    /// Where assignments whose value only the rendering decides (a hole in it, or the assignment inside a block) start
    /// their name. A finding on the whole file keeps no trace of the settings that decided it: it may come from one of these.
    /// </summary>
    public IReadOnlyList<SourceSpan> Undecided { get; private set; } = [];

    /// <summary>What a masked tag reads as in values the model holds (<see cref="ConfigValue.Raw"/>).</summary>
    public const char Filler = TemplateView.Filler;

    /// <summary>
    /// <paramref name="text"/> (a value the model holds) with each run of masked tag text shown as a placeholder in the
    /// engine's own syntax (<c>{{ … }}</c>, <c>&lt;%= … %&gt;</c>): which tag a value expanded from is not kept.
    /// </summary>
    public string Shown(string text)
    {
        if (!text.Contains(Filler, StringComparison.Ordinal))
        {
            return text;
        }

        var placeholder = Tags.FirstOrDefault()?.Text.StartsWith("<%", StringComparison.Ordinal) == true ? "<%= … %>" : "{{ … }}";
        return System.Text.RegularExpressions.Regex.Replace(text, "\uE000+", placeholder, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary><see cref="Shown"/> for JSON text, where a JSON writer escaped each masked character as <c>\uE000</c>.</summary>
    public string ShownInJson(string json)
    {
        if (!json.Contains("\\uE000", StringComparison.OrdinalIgnoreCase))
        {
            return Shown(json);
        }

        var placeholder = Tags.FirstOrDefault()?.Text.StartsWith("<%", StringComparison.Ordinal) == true ? "<%= … %>" : "{{ … }}";
        return Shown(System.Text.RegularExpressions.Regex.Replace(json, "(\\\\u[eE]000)+", placeholder, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)));
    }

    /// <summary>The tags that overlap <paramref name="span"/> (touching an empty span counts).</summary>
    public IEnumerable<TemplateTag> TagsIn(SourceSpan span)
    {
        if (!_tags.TryGetValue(span.File.Path, out var tags))
        {
            yield break;
        }

        for (var i = FirstEndingAfter(tags, span.Span.Start); i < tags.Count && (tags[i].Span.Span.Start < span.Span.End || tags[i].Span.Span.Start <= span.Span.Start); i++)
        {
            var t = tags[i].Span.Span;
            if (t.Overlaps(span.Span) || span.Span.Length == 0 && t.Start <= span.Span.Start && span.Span.Start < t.End)
            {
                yield return tags[i];
            }
        }
    }

    // Tags do not overlap, so their ends are in order too: the index of the first that ends after offset at.
    private static int FirstEndingAfter(List<TemplateTag> tags, int at)
    {
        int lo = 0, hi = tags.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (tags[mid].Span.Span.End <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The defaults the known text at <paramref name="span"/> comes from (tags overlapping it whose text a default decides).</summary>
    public IEnumerable<(TemplateTag Tag, TemplateOrigin Origin)> OriginsIn(SourceSpan span) =>
        TagsIn(span).Where(t => !t.IsHole).SelectMany(t => t.From.Select(o => (t, o)));

    /// <summary>Whether the text of <paramref name="span"/> depends on the rendering: a hole is in it.</summary>
    public bool IsTemplateDependent(SourceSpan span) => TagsIn(span).Any(t => t.IsHole);

    /// <summary>Whether any tag overlaps <paramref name="span"/>: <c>TagsIn(span).Any()</c> without an enumerator, asked of every statement.</summary>
    internal bool HasTagIn(SourceSpan span) => HasTagIn(span, holesOnly: false);

    // IsTemplateDependent and IsConditional without the enumerators and the chain of regions: asked of every assignment.
    private bool HasHoleIn(SourceSpan span) => HasTagIn(span, holesOnly: true);

    private bool HasTagIn(SourceSpan span, bool holesOnly)
    {
        if (!_tags.TryGetValue(span.File.Path, out var tags))
        {
            return false;
        }

        for (var i = FirstEndingAfter(tags, span.Span.Start); i < tags.Count && (tags[i].Span.Span.Start < span.Span.End || tags[i].Span.Span.Start <= span.Span.Start); i++)
        {
            var t = tags[i].Span.Span;
            if ((tags[i].IsHole || !holesOnly) && (t.Overlaps(span.Span) || span.Span.Length == 0 && t.Start <= span.Span.Start && span.Span.Start < t.End))
            {
                return true;
            }
        }

        return false;
    }

    private bool InAnyRegion(SourceSpan span) => _regions.TryGetValue(span.File.Path, out var index) && index.Holds(PastOpeningTags(span));

    /// <summary>Whether a line of <paramref name="span"/> holds a hole (or is inside one).</summary>
    public bool OnHoleLine(SourceSpan span)
    {
        var text = span.File.Text;
        var start = span.Span.Start == 0 ? 0 : text.LastIndexOf('\n', Math.Min(span.Span.Start, text.Length) - 1) + 1;
        var end = text.IndexOf('\n', Math.Min(span.Span.End, text.Length));
        var lines = TextSpan.FromBounds(start, end < 0 ? text.Length : end + 1);
        return Tags.Any(t => t.IsHole && SameFile(t.Span, span) && t.Span.Span.Overlaps(lines));
    }

    /// <summary>
    /// The regions that hold <paramref name="span"/>'s start, outermost first. A span that starts at a line a statement
    /// opens (<c>{% if x %}name = v</c>, the assignment's whole line) renders where the text after the statement does.
    /// </summary>
    public IReadOnlyList<TemplateRegion> RegionsAt(SourceSpan span) =>
        _regions.TryGetValue(span.File.Path, out var index) ? index.At(PastOpeningTags(span)) : [];

    // The offset after the statements that open the line at span's start (and the blanks they strip), or span's start.
    private int PastOpeningTags(SourceSpan span)
    {
        var at = span.Span.Start;
        if (!_tags.TryGetValue(span.File.Path, out var tags))
        {
            return at;
        }

        var i = FirstEndingAfter(tags, at);
        var text = tags.Count > 0 ? tags[0].Span.File.Text : string.Empty;
        for (; i < tags.Count && tags[i].OpensLine; i++)
        {
            var tag = tags[i].Span.Span;
            for (var c = at; c < tag.Start; c++)
            {
                if (text[c] is not ' ' and not '\t')
                {
                    return at;
                }
            }

            at = Math.Max(at, tag.End);
        }

        return at;
    }

    /// <summary>When the text at <paramref name="span"/> renders (<c>`x` is true and `y` is false</c>); null when always.</summary>
    public string? When(SourceSpan span)
    {
        var regions = RegionsAt(span);
        return regions.Count switch
        {
            0 => null,
            1 => regions[0].When,
            _ => string.Join(" and ", regions.Select(r => r.When)),
        };
    }

    /// <summary>Whether the text at <paramref name="span"/> renders only under a condition (or per loop item).</summary>
    public bool IsConditional(SourceSpan span) => RegionsAt(span).Any();

    /// <summary>Whether <paramref name="offset"/> of <paramref name="file"/> is inside a block or a tag (where no setting may be inserted).</summary>
    public bool InsideBlock(SourceFile file, int offset) =>
        RegionsAt(new SourceSpan(file, new TextSpan(offset, 0))).Any(r => r.Body.Span.Start < offset)
        || TagsIn(new SourceSpan(file, new TextSpan(offset, 0))).Any(t => t.Span.Span.Start < offset);

    /// <summary>Whether <paramref name="path"/> is one of the templates.</summary>
    public bool Covers(string path) => _paths.Contains(path);

    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    /// <summary>The facts of several templates of one config as one.</summary>
    public static TemplateFacts Combine(IReadOnlyList<(TemplateFacts Facts, string Path)> parts)
    {
        if (parts is [var only] && only.Facts.Covers(only.Path))
        {
            return only.Facts; // facts are not changed once made: one template's are already the config's
        }

        var facts = new TemplateFacts(
            parts.SelectMany(p => p.Facts.Tags).ToList(),
            parts.SelectMany(p => p.Facts.Regions).ToList(),
            parts.SelectMany(p => p.Facts.Generated).ToList())
        {
            Undecided = parts.SelectMany(p => p.Facts.Undecided).ToList(),
        };
        foreach (var (_, path) in parts)
        {
            facts._paths.Add(path);
        }

        return facts;
    }

    /// <summary>
    /// The facts of one template read through <paramref name="view"/>; spans point into <paramref name="file"/>
    /// (the template as read). <paramref name="assignmentNames"/> are the spans of the names of the assignments
    /// the dialect read, to find those whose name a tag makes. A known expression's tag names the defaults its text comes
    /// from (<see cref="TemplateView.Rendered"/>), unless the dialect read it as a hole.
    /// </summary>
    public static TemplateFacts Of(TemplateView view, SourceFile file, IEnumerable<TextSpan> assignmentNames, IEnumerable<TextSpan> assignments)
    {
        var tags = new List<TemplateTag>(view.Document.Tokens.Count / 2 + 1);
        var holeList = view.Holes;
        var nextHole = 0; // holes are tags, in the same order
        foreach (var t in view.Tags)
        {
            while (nextHole < holeList.Count && holeList[nextHole].Span.Start < t.Span.Start)
            {
                nextHole++;
            }

            var hole = nextHole < holeList.Count && holeList[nextHole].Span.Start == t.Span.Start;
            tags.Add(new TemplateTag(new SourceSpan(file, t.Span), t.Span, t.Code, hole, t.Kind == TemplateTokenKind.Expression, view.Text[t.Span.Start] == TemplateView.Void)
            {
                From = !hole && view.Rendered.TryGetValue(t, out var known) && known.From.Length > 0 ? [.. known.From.Select(v => new TemplateOrigin(v.Name, v.At))] : [],
            });
        }

        var regions = new List<TemplateRegion>();
        var generated = new List<(SourceSpan, string)>();
        var starts = assignments.Select(a => a.Start).Order().ToArray();
        var loops = new List<TextSpan>(); // outermost loops that assign, in order: nested ones add nothing
        var block = 0;
        void Walk(IReadOnlyList<TemplateBlock> blocks)
        {
            foreach (var b in blocks)
            {
                var id = block++;
                var earlier = new List<string>();
                for (var i = 0; i < b.Branches.Count; i++)
                {
                    var branch = b.Branches[i];
                    var conditional = b.Kind != TemplateBlockKind.Loop;
                    var when = b.Kind switch
                    {
                        TemplateBlockKind.Loop when branch.Loop is { } loop => $"for each item of `{loop.Iterable}`",
                        TemplateBlockKind.Loop => $"when `{b.Branches[0].Loop?.Iterable ?? b.Keyword}` is empty",
                        TemplateBlockKind.Conditional => Describe(branch, earlier),
                        TemplateBlockKind.Raw => null,
                        _ => $"where the `{b.Keyword}` block renders it",
                    };
                    if (branch.Condition is { } c)
                    {
                        earlier.Add(branch.Negated ? $"`{c}` is true" : $"`{c}` is false");
                    }

                    if (when is not null)
                    {
                        regions.Add(new TemplateRegion(new SourceSpan(file, branch.Body), id, i, conditional, when));
                    }

                    // A loop over lines with an expression in them may write settings even where the dialect saw no
                    // assignment start: `<%- if ... -%><%= $k %> = <%= $v %>` reads as a continuation line.
                    if (b.Kind == TemplateBlockKind.Loop && branch.Loop is { } each
                        && (AnyIn(starts, branch.Body) || WritesLines(view, branch.Body))
                        && (loops.Count == 0 || loops[^1].End <= b.Span.Start))
                    {
                        loops.Add(b.Span);
                        generated.Add((new SourceSpan(file, b.Span), $"the loop over `{each.Iterable}`"));
                    }

                    Walk(branch.Blocks);
                }
            }
        }

        Walk(view.Document.Blocks);
        // Another template's text comes in (include) or is what renders (extends, whose blocks only fill it in):
        // any setting may be written there.
        foreach (var tag in view.Document.Tokens.Where(t => t.Kind == TemplateTokenKind.Statement && t.Keyword is "include" or "extends"))
        {
            var code = file.Text.Substring(tag.Code.Start, tag.Code.Length).Trim();
            generated.Add((new SourceSpan(file, tag.Span), tag.Keyword == "extends" ? $"the template it extends (`{code}`)" : $"the template it includes (`{code}`)"));
        }

        // An expression at the start of a line writes the line, or a setting's name: any setting may come from it.
        // (Indented, it starts a line only when its tag strips the indentation, as {{- does.)
        var loopStarts = loops.Select(l => l.Start).ToArray();
        bool InLoop(int offset) => Array.BinarySearch(loopStarts, offset) is var at && (at >= 0 || ~at > 0 && offset < loops[~at - 1].End);
        foreach (var hole in view.Holes.Where(h => h.Kind == TemplateTokenKind.Expression && StartsLine(file.Text, view.Text, h)))
        {
            if (!InLoop(hole.Span.Start))
            {
                generated.Add((new SourceSpan(file, hole.Span), $"`{file.Text.Substring(hole.Code.Start, hole.Code.Length).Trim()}`"));
            }
        }

        var holeEnds = holeList.Select(h => h.Span.End).ToArray();
        foreach (var name in assignmentNames)
        {
            // Holes do not overlap: the first that ends after the name's start is the only candidate to begin inside it.
            var i = Array.BinarySearch(holeEnds, name.Start + 1);
            i = i >= 0 ? i : ~i;
            if (i < holeList.Count && holeList[i].Span.Start < name.End && !InLoop(name.Start)
                && !(file.Text.Length > name.Start && holeList[i].Span.Start <= name.Start && StartsLine(file.Text, view.Text, holeList[i]) && holeList[i].Kind == TemplateTokenKind.Expression))
            {
                var tag = holeList[i];
                generated.Add((new SourceSpan(file, name), $"`{file.Text.Substring(tag.Code.Start, tag.Code.Length).Trim()}`"));
            }
        }

        var facts = new TemplateFacts(tags, regions, generated);
        facts._paths.Add(file.Path);
        var names = assignmentNames.ToList();
        // Which assignments the rendering decides is asked of the facts themselves, before anyone else sees them.
        facts.Undecided = assignments.Select((a, i) => (Whole: new SourceSpan(file, a), Name: i < names.Count ? names[i] : new TextSpan(a.Start, 0)))
            .Where(a => facts.HasHoleIn(a.Whole) || facts.InAnyRegion(a.Whole))
            .Select(a => new SourceSpan(file, new TextSpan(a.Name.Start, 0)))
            .ToList();
        return facts;
    }

    /// <summary>These facts with <paramref name="more"/> tags (which overlap none of them): the regions, settings and paths are kept as they are.</summary>
    internal TemplateFacts WithTags(IReadOnlyList<TemplateTag> more)
    {
        var facts = new TemplateFacts([.. Tags, .. more], [], Generated) { Undecided = Undecided };
        facts._paths.UnionWith(_paths);
        foreach (var (path, index) in _regions)
        {
            facts._regions[path] = index;
        }

        facts.Regions = Regions;
        return facts;
    }

    private static bool AnyIn(int[] sorted, TextSpan span)
    {
        var i = Array.BinarySearch(sorted, span.Start);
        i = i >= 0 ? i : ~i;
        return i < sorted.Length && sorted[i] < span.End;
    }

    /// <summary>Whether <paramref name="body"/> spans lines and holds an expression: each item may write whole lines.</summary>
    private static bool WritesLines(TemplateView view, TextSpan body) =>
        view.Document.File.Text.AsSpan(body.Start, body.Length).Contains('\n')
        && view.Document.Tokens.Any(t => t.Kind == TemplateTokenKind.Expression && t.Span.Start >= body.Start && t.Span.End <= body.End);

    // At a line's start: first on it, or after what strips the blanks before it, or after statements that open the line (Void in the view).
    private static bool StartsLine(string text, string view, TemplateToken tag)
    {
        var lineStart = tag.Span.Start == 0 ? 0 : text.LastIndexOf('\n', tag.Span.Start - 1) + 1;
        var before = view.AsSpan(lineStart, tag.Span.Start - lineStart);
        return tag.StrippedBefore.Start <= lineStart || before.IsEmpty
            || before[^1] == TemplateView.Void && before.IndexOfAnyExcept([TemplateView.Void, ' ', '\t']) < 0;
    }

    private static string Describe(TemplateBranch branch, List<string> earlier)
    {
        var own = branch.Condition is { } c ? (branch.Negated ? $"`{c}` is false" : $"`{c}` is true") : null;
        var parts = own is null ? earlier : [.. earlier, own];
        return parts.Count == 0 ? "where the block renders it" : string.Join(" and ", parts);
    }

    private static bool SameFile(SourceSpan a, SourceSpan b) => a.File.Path == b.File.Path;

    /// <summary>
    /// The regions of one file, in order of their start, each with the innermost region around it: branches nest,
    /// so the regions that hold an offset are the chain of parents of the innermost one.
    /// </summary>
    private sealed class RegionIndex
    {
        private readonly TemplateRegion[] _regions;
        private readonly int[] _parent;

        private RegionIndex(TemplateRegion[] regions, int[] parent)
        {
            _regions = regions;
            _parent = parent;
        }

        public static RegionIndex Of(IEnumerable<TemplateRegion> regions)
        {
            // A template's regions come outer before inner, in order of their start: sorting is for any other order.
            var list = regions.ToList();
            var sorted = InOrder(list, (a, b) => a.Body.Span.Start != b.Body.Span.Start ? a.Body.Span.Start.CompareTo(b.Body.Span.Start) : b.Body.Span.Length.CompareTo(a.Body.Span.Length))
                ? list.ToArray()
                : list.OrderBy(r => r.Body.Span.Start).ThenByDescending(r => r.Body.Span.Length).ToArray();
            var parent = new int[sorted.Length];
            var open = new Stack<int>();
            for (var i = 0; i < sorted.Length; i++)
            {
                while (open.Count > 0 && sorted[open.Peek()].Body.Span.End <= sorted[i].Body.Span.Start)
                {
                    open.Pop();
                }

                parent[i] = open.Count > 0 ? open.Peek() : -1;
                open.Push(i);
            }

            return new RegionIndex(sorted, parent);
        }

        /// <summary>Whether any region holds <paramref name="offset"/>.</summary>
        public bool Holds(int offset) => Innermost(offset) >= 0;

        // The index of the innermost region that holds offset, or -1.
        private int Innermost(int offset)
        {
            int lo = 0, hi = _regions.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (_regions[mid].Body.Span.Start <= offset)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            var i = lo - 1;
            while (i >= 0 && offset >= _regions[i].Body.Span.End)
            {
                i = _parent[i];
            }

            return i;
        }

        /// <summary>The regions that hold <paramref name="offset"/>, outermost first.</summary>
        public IReadOnlyList<TemplateRegion> At(int offset)
        {
            var i = Innermost(offset);
            if (i < 0)
            {
                return [];
            }

            var chain = new List<TemplateRegion>();
            for (; i >= 0; i = _parent[i])
            {
                chain.Add(_regions[i]);
            }

            chain.Reverse();
            return chain;
        }
    }
}
