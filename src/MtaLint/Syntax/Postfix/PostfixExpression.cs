using MtaLint.Text;

namespace MtaLint.Syntax.Postfix;

/// <summary>How a parameter reference is written.</summary>
internal enum PostfixReferenceForm
{
    /// <summary><c>$name</c></summary>
    Plain,

    /// <summary><c>${name}</c></summary>
    Braces,

    /// <summary><c>$(name)</c></summary>
    Parentheses,
}

/// <summary>
/// A node of a parsed Postfix value. <see cref="Start"/>/<see cref="End"/> are offsets in the text
/// the expression was parsed from (the parameter value).
/// </summary>
public abstract record PostfixNode(int Start, int End);

/// <summary>Text as is; <c>$$</c> is a literal with <see cref="Value"/> <c>$</c>. Both are slices of the parsed value where they can be (not copies).</summary>
public sealed record PostfixLiteral(TextSlice Raw, TextSlice Value, int Start, int End) : PostfixNode(Start, End);

/// <summary><c>$name</c>, <c>${name}</c>, <c>$(name)</c>.</summary>
/// <param name="NameStart">Offset of the name itself.</param>
internal sealed record PostfixReference(string Name, PostfixReferenceForm Form, int NameStart, int Start, int End) : PostfixNode(Start, End);

/// <summary>
/// <c>${name?value}</c>, <c>${name:value}</c>, <c>${name?{value}:{value}}</c>: <see cref="WhenSet"/> is used when
/// the parameter is non-empty, <see cref="WhenUnset"/> when it is empty or undefined.
/// </summary>
internal sealed record PostfixConditional(string Name, int NameStart, PostfixExpression? WhenSet, PostfixExpression? WhenUnset, int Start, int End)
    : PostfixNode(Start, End);

/// <summary>
/// <c>${{left} op {right}?{value}:{value}}</c> (Postfix 3.x): <c>==</c>, <c>!=</c>, numeric <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c> <c>&gt;=</c>,
/// and compatibility-level comparisons <c>&lt;level</c> etc. Without <c>?</c>/<c>:</c> it yields <c>true</c> or empty.
/// </summary>
internal sealed record PostfixLogical(PostfixExpression Left, string Operator, PostfixExpression Right, PostfixExpression? WhenTrue, PostfixExpression? WhenFalse, bool HasBranches, int Start, int End)
    : PostfixNode(Start, End);

/// <summary>A parsed value: a sequence of literals and macro expressions.</summary>
internal sealed record PostfixExpression(IReadOnlyList<PostfixNode> Nodes)
{
    public static PostfixExpression Empty { get; } = new([]);

    /// <summary>Every parameter name the value mentions, nested ones included (what postconf scans for "used" parameters).</summary>
    public IReadOnlyList<(string Name, int NameStart)> ReferencedNames()
    {
        var names = new List<(string Name, int NameStart)>();
        AddReferencedNames(names);
        return names;
    }

    /// <summary>
    /// Adds <see cref="ReferencedNames"/> to <paramref name="names"/>, in the same order: callers
    /// that scan every value of a large file reuse one list instead of an enumerator per value and level.
    /// </summary>
    public void AddReferencedNames(List<(string Name, int NameStart)> names)
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            switch (Nodes[i])
            {
                case PostfixReference r:
                    names.Add((r.Name, r.NameStart));
                    break;
                case PostfixConditional c:
                    names.Add((c.Name, c.NameStart));
                    c.WhenSet?.AddReferencedNames(names);
                    c.WhenUnset?.AddReferencedNames(names);
                    break;
                case PostfixLogical l:
                    l.Left.AddReferencedNames(names);
                    l.Right.AddReferencedNames(names);
                    l.WhenTrue?.AddReferencedNames(names);
                    l.WhenFalse?.AddReferencedNames(names);
                    break;
            }
        }
    }
}

/// <summary>A value Postfix cannot expand ("empty macro name", "truncated macro reference"...), at an offset in the value.</summary>
internal sealed class PostfixExpressionException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
