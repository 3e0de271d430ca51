namespace MtaLint.Syntax.Postfix;

/// <summary>How a parameter reference is written.</summary>
public enum PostfixReferenceForm
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

/// <summary>Text as is; <c>$$</c> is a literal with <see cref="Value"/> <c>$</c>.</summary>
public sealed record PostfixLiteral(string Raw, string Value, int Start, int End) : PostfixNode(Start, End);

/// <summary><c>$name</c>, <c>${name}</c>, <c>$(name)</c>.</summary>
/// <param name="NameStart">Offset of the name itself.</param>
public sealed record PostfixReference(string Name, PostfixReferenceForm Form, int NameStart, int Start, int End) : PostfixNode(Start, End);

/// <summary>
/// <c>${name?value}</c>, <c>${name:value}</c>, <c>${name?{value}:{value}}</c>: <see cref="WhenSet"/> is used when
/// the parameter is non-empty, <see cref="WhenUnset"/> when it is empty or undefined.
/// </summary>
public sealed record PostfixConditional(string Name, int NameStart, PostfixExpression? WhenSet, PostfixExpression? WhenUnset, int Start, int End)
    : PostfixNode(Start, End);

/// <summary>
/// <c>${{left} op {right}?{value}:{value}}</c> (Postfix 3.x): <c>==</c>, <c>!=</c>, numeric <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c> <c>&gt;=</c>,
/// and compatibility-level comparisons <c>&lt;level</c> etc. Without <c>?</c>/<c>:</c> it yields <c>true</c> or empty.
/// </summary>
public sealed record PostfixLogical(PostfixExpression Left, string Operator, PostfixExpression Right, PostfixExpression? WhenTrue, PostfixExpression? WhenFalse, bool HasBranches, int Start, int End)
    : PostfixNode(Start, End);

/// <summary>A parsed value: a sequence of literals and macro expressions.</summary>
public sealed record PostfixExpression(IReadOnlyList<PostfixNode> Nodes)
{
    public static PostfixExpression Empty { get; } = new([]);

    /// <summary>Every parameter name the value mentions, nested ones included (what postconf scans for "used" parameters).</summary>
    public IEnumerable<(string Name, int NameStart)> ReferencedNames()
    {
        foreach (var node in Nodes)
        {
            switch (node)
            {
                case PostfixReference r:
                    yield return (r.Name, r.NameStart);
                    break;
                case PostfixConditional c:
                    yield return (c.Name, c.NameStart);
                    foreach (var n in Inner(c.WhenSet, c.WhenUnset))
                    {
                        yield return n;
                    }

                    break;
                case PostfixLogical l:
                    foreach (var n in Inner(l.Left, l.Right, l.WhenTrue, l.WhenFalse))
                    {
                        yield return n;
                    }

                    break;
            }
        }
    }

    private static IEnumerable<(string, int)> Inner(params PostfixExpression?[] parts) =>
        parts.Where(p => p is not null).SelectMany(p => p!.ReferencedNames());
}

/// <summary>A value Postfix cannot expand ("empty macro name", "truncated macro reference"...), at an offset in the value.</summary>
public sealed class PostfixExpressionException(string message, int offset) : Exception(message)
{
    public int Offset { get; } = offset;
}
