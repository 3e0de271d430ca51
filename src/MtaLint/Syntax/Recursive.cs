using Sprache;

namespace MtaLint.Syntax;

/// <summary>
/// A reference to a grammar that is defined in terms of itself, for grammars that consume a char
/// before they recur (a quote, a bracket), so they cannot recur left. Sprache's own
/// <c>Parse.Ref</c> guards against left recursion with a memo on the input at every position it
/// is tried at: a dictionary per attempt, which these grammars do not need.
/// </summary>
internal static class Recursive
{
    /// <summary>The grammar <paramref name="grammar"/> returns, looked up on first use.</summary>
    public static Parser<T> Ref<T>(Func<Parser<T>> grammar)
    {
        Parser<T>? resolved = null;
        return input => (resolved ??= grammar())(input);
    }
}
