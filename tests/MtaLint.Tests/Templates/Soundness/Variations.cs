using System.Text.RegularExpressions;
using MtaLint.Syntax.Templates;

namespace MtaLint.Tests.Templates.Soundness;

/// <summary>
/// What a variable set says about one variable: its value made to take (<see cref="Truthy"/>) or skip a branch, made
/// equal to or different from a literal, or left undefined. The renderer resolves it against the role defaults (a
/// default that already takes the branch is kept), so the set stays as close to the defaults as the branch allows.
/// </summary>
public sealed record VariableIntent(string Name, bool? Truthy = null, bool Bool = false, string? EqualsText = null, string? DiffersText = null, bool Undefined = false, bool Defined = false)
{
    public object? Json => Undefined ? null
        : Truthy is { } t ? new Dictionary<string, object> { ["$truthy"] = t, ["bool"] = Bool }
        : Defined ? new Dictionary<string, object> { ["$defined"] = true }
        : EqualsText is not null ? new Dictionary<string, object> { ["$equals"] = EqualsText }
        : new Dictionary<string, object> { ["$differs"] = DiffersText! };
}

/// <summary>
/// One variable set of a template: the role defaults plus <see cref="Intents"/> on variables, and conditions or loop
/// sources the variables cannot reach replaced in the template text (<see cref="Forced"/>: a condition by
/// <c>true</c>/<c>false</c>, a loop's items by a literal list of 0, 1 or 2 items). <see cref="Name"/> identifies it
/// across a template and its fixed copy (the blocks are numbered in document order, which a fix does not change).
/// </summary>
public sealed record Variation(string Name, IReadOnlyList<VariableIntent> Intents, IReadOnlyList<(int Start, int End, string Text)> Forced);

/// <summary>
/// Builds the variable sets of a template from its block tree: the defaults alone; for every branch with a condition,
/// one set that takes it and one that does not (its enclosing branches taken, earlier branches of its block not);
/// for every loop, 0, 1 and 2 items. A simple condition (<c>x</c>, <c>not x</c>, <c>x | bool</c>, <c>x is [not]
/// defined</c>, <c>x == 'y'</c>, <c>x != 'y'</c>, joined by only <c>and</c> or only <c>or</c>; in Ruby <c>@x</c>,
/// <c>!@x</c>, <c>@x == 'y'</c>) is decided through its variables; any other is forced in the text.
/// </summary>
public static partial class Variations
{
    public static IReadOnlyList<Variation> Of(TemplateDocument doc)
    {
        var engine = doc.Options switch
        {
            JinjaOptions => "jinja",
            ErbOptions { Scanner: ErbScanner.Epp } => "epp",
            _ => "ruby",
        };
        var result = new List<Variation> { new("defaults", [], []) };
        var counter = 0;
        void Walk(IReadOnlyList<TemplateBlock> blocks, IReadOnlyList<Assumption> outer)
        {
            foreach (var block in blocks)
            {
                var earlier = new List<Assumption>();
                foreach (var branch in block.Branches)
                {
                    var id = counter++;
                    var label = $"b{id} {branch.Keyword} {branch.Condition ?? branch.Loop?.Iterable}".TrimEnd();
                    if (block.Kind == TemplateBlockKind.Conditional && branch.Condition is not null && branch.Keyword is "if" or "elif" or "elsif" or "unless")
                    {
                        var taken = Decide(engine, branch, true);
                        var skipped = Decide(engine, branch, false);
                        result.Add(Make(label + ": taken", [.. outer, .. earlier, taken]));
                        result.Add(Make(label + ": not taken", [.. outer, .. earlier, skipped]));
                        Walk(branch.Blocks, [.. outer, .. earlier, taken]);
                        earlier.Add(skipped);
                    }
                    else if (branch.Loop is { } loop && block.Kind == TemplateBlockKind.Loop && branch == block.Branches[0])
                    {
                        for (var n = 0; n <= 2; n++)
                        {
                            result.Add(Make($"{label}: {n} items", [.. outer, Items(engine, loop, n)]));
                        }

                        Walk(branch.Blocks, [.. outer, Items(engine, loop, 1)]);
                        earlier.Add(Items(engine, loop, 0));
                    }
                    else
                    {
                        // else, a loop's else, macros, captures, other blocks: reached with the earlier branches skipped.
                        Walk(branch.Blocks, [.. outer, .. earlier]);
                    }
                }
            }
        }

        Walk(doc.Blocks, []);
        return result;
    }

    private sealed record Assumption(IReadOnlyList<VariableIntent> Intents, (int Start, int End, string Text)? Edit);

    private static Variation Make(string name, IEnumerable<Assumption> assumptions)
    {
        var intents = new Dictionary<string, VariableIntent>(StringComparer.Ordinal);
        var edits = new Dictionary<int, (int, int, string)>();
        foreach (var a in assumptions)
        {
            foreach (var i in a.Intents)
            {
                intents[i.Name] = i; // an inner branch's need wins over an outer one's
            }

            if (a.Edit is { } e)
            {
                edits[e.Start] = e;
            }
        }

        return new Variation(name, intents.Values.ToList(), edits.Values.ToList());
    }

    private static Assumption Items(string engine, TemplateLoop loop, int n)
    {
        var arity = Math.Max(1, loop.Variables.Count);
        // Jinja and Ruby: the renderer's soundness_items(n, arity), items that answer any attribute or method with a
        // plausible value (item.name, item['type']); Puppet has no such hook, so a literal list of strings.
        var list = engine == "epp"
            ? "[" + string.Join(", ", Enumerable.Range(1, n).Select(i => arity == 1 ? $"'item{i}.example'" : "[" + string.Join(", ", Enumerable.Range(0, arity).Select(k => $"'item{i}-{k}.example'")) + "]")) + "]"
            : $"soundness_items({n}, {arity})";
        // Ruby and Puppet loops call a method on the source (xs.each, @h.each_pair): the source span holds the call.
        var source = engine == "jinja" || loop.SourceSpan == loop.IterableSpan ? list : list + ".each";
        return new Assumption([], (loop.SourceSpan.Start, loop.SourceSpan.End, source));
    }

    private static string Quote(string s) => "'" + s + "'";

    private static Assumption Decide(string engine, TemplateBranch branch, bool taken)
    {
        var want = taken != branch.Negated;
        var intents = engine switch
        {
            "jinja" => Jinja(branch.Condition!.Trim(), want),
            "ruby" => Ruby(branch.Condition!.Trim(), want),
            _ => null,
        };
        return intents is not null
            ? new Assumption(intents, null)
            : new Assumption([], (branch.ConditionSpan.Start, branch.ConditionSpan.End, want ? "true" : "false"));
    }

    private static List<VariableIntent>? Jinja(string condition, bool want)
    {
        if (condition.Contains('(') || condition.Contains('['))
        {
            return null;
        }

        var ands = AndRe().Split(condition);
        var ors = OrRe().Split(condition);
        if (ands.Length > 1 && ors.Length > 1)
        {
            return null;
        }

        var atoms = ands.Length > 1 ? ands : ors;
        var conjunction = ands.Length > 1;
        var intents = new List<VariableIntent>();
        for (var i = 0; i < atoms.Length; i++)
        {
            // and: taken when every atom holds, not taken when the first fails; or: the other way round.
            var atomWant = conjunction ? want || i > 0 : want && i == 0;

            var intent = JinjaAtom(atoms[i].Trim(), atomWant);
            if (intent is null)
            {
                return null;
            }

            intents.Add(intent);
        }

        return intents;
    }

    private static VariableIntent? JinjaAtom(string atom, bool want)
    {
        if (JinjaTruth().Match(atom) is { Success: true } t)
        {
            var negated = t.Groups["not"].Success;
            return new VariableIntent(t.Groups["name"].Value, Truthy: want != negated, Bool: t.Groups["bool"].Success);
        }

        if (JinjaDefined().Match(atom) is { Success: true } d)
        {
            var defined = want != d.Groups["not"].Success;
            return new VariableIntent(d.Groups["name"].Value, Defined: defined, Undefined: !defined);
        }

        if (JinjaCompare().Match(atom) is { Success: true } c)
        {
            var equal = want == (c.Groups["op"].Value == "==");
            var literal = c.Groups["lit"].Value;
            literal = literal.Length >= 2 && literal[0] is '\'' or '"' ? literal[1..^1] : literal;
            return equal ? new VariableIntent(c.Groups["name"].Value, EqualsText: literal) : new VariableIntent(c.Groups["name"].Value, DiffersText: literal);
        }

        return null;
    }

    private static List<VariableIntent>? Ruby(string condition, bool want)
    {
        if (RubyTruth().Match(condition) is { Success: true } t)
        {
            return [new VariableIntent(t.Groups["name"].Value, Truthy: want != t.Groups["not"].Success)];
        }

        if (RubyCompare().Match(condition) is { Success: true } c)
        {
            var equal = want == (c.Groups["op"].Value == "==");
            return [equal ? new VariableIntent(c.Groups["name"].Value, EqualsText: c.Groups["lit"].Value) : new VariableIntent(c.Groups["name"].Value, DiffersText: c.Groups["lit"].Value)];
        }

        return null;
    }

    [GeneratedRegex(@"\s+and\s+")]
    private static partial Regex AndRe();

    [GeneratedRegex(@"\s+or\s+")]
    private static partial Regex OrRe();

    [GeneratedRegex(@"^(?<not>not\s+)?(?<name>[A-Za-z_]\w*)(?<bool>\s*\|\s*bool)?$")]
    private static partial Regex JinjaTruth();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\s+is\s+(?<not>not\s+)?defined$")]
    private static partial Regex JinjaDefined();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\s*(?<op>==|!=)\s*(?<lit>'[^']*'|""[^""]*""|\d+)$")]
    private static partial Regex JinjaCompare();

    [GeneratedRegex(@"^(?<not>!\s*)?@(?<name>[a-z_]\w*)$")]
    private static partial Regex RubyTruth();

    [GeneratedRegex(@"^@(?<name>[a-z_]\w*)\s*(?<op>==|!=)\s*['""](?<lit>[^'""]*)['""]$")]
    private static partial Regex RubyCompare();
}
