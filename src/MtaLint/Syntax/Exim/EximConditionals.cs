using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>What Exim does with the lines it reads, as its conditional directives decide (readconf.c's <c>cstate</c>).</summary>
internal enum EximConditionState
{
    /// <summary>Lines are read: outside any conditional, or in the branch taken.</summary>
    Reading,

    /// <summary>No branch taken yet: lines are skipped until an <c>.else</c>, or an <c>.elifdef</c>/<c>.elifndef</c> that holds.</summary>
    SeekingBranch,

    /// <summary>A branch was taken already, or the whole conditional is in a skipped branch: lines are skipped until its <c>.endif</c>.</summary>
    SkippingToEndif,
}

/// <summary>
/// Exim's conditional directives <c>.ifdef</c>, <c>.ifndef</c>, <c>.elifdef</c>, <c>.elifndef</c>,
/// <c>.else</c> and <c>.endif</c>: whether the lines read now are taken, and the conditionals open.
/// A directive holds when a macro was substituted into its line (Exim's <c>macro_found</c>).
/// </summary>
internal sealed class EximConditionals
{
    /// <summary>Nesting limit, as Exim's <c>cstate_stack</c>.</summary>
    private const int MaxNesting = 10;

    /// <summary>readconf.c's <c>cond_list</c>: the transition when a macro was found in the line and when not, and what happens to the nesting.</summary>
    private static readonly (string Name, Transition IfFound, Transition IfNotFound, Nesting Nesting)[] Directives =
    [
        ("ifdef", Transition.IfHolds, Transition.IfFails, Nesting.Opens),
        ("ifndef", Transition.IfFails, Transition.IfHolds, Nesting.Opens),
        ("elifdef", Transition.BranchHolds, Transition.BranchFails, Nesting.Stays),
        ("elifndef", Transition.BranchFails, Transition.BranchHolds, Nesting.Stays),
        ("else", Transition.BranchHolds, Transition.BranchHolds, Nesting.Stays),
        ("endif", Transition.IfHolds, Transition.IfHolds, Nesting.Closes),
    ];

    private readonly Stack<EximConditionState> _enclosing = new();
    private readonly List<SyntaxError> _errors;

    public EximConditionals(List<SyntaxError> errors) => _errors = errors;

    /// <summary>The four transitions of readconf.c's <c>next_cstate</c>; <c>.endif</c> goes back to the enclosing state instead.</summary>
    private enum Transition
    {
        /// <summary>An <c>.ifdef</c> or <c>.ifndef</c> that holds.</summary>
        IfHolds,

        /// <summary>An <c>.ifdef</c> or <c>.ifndef</c> that does not hold.</summary>
        IfFails,

        /// <summary>An <c>.elifdef</c> or <c>.elifndef</c> that holds, or an <c>.else</c>.</summary>
        BranchHolds,

        /// <summary>An <c>.elifdef</c> or <c>.elifndef</c> that does not hold.</summary>
        BranchFails,
    }

    private enum Nesting
    {
        Opens,
        Stays,
        Closes,
    }

    public EximConditionState State { get; private set; } = EximConditionState.Reading;

    /// <summary>Lines are read, and no conditional is open.</summary>
    public bool OutsideAny => State == EximConditionState.Reading && _enclosing.Count == 0;

    /// <summary>
    /// Applies the directive that <paramref name="text"/> (a line trimmed, starting with <c>.</c>) is, if it is one.
    /// </summary>
    /// <param name="macroFound">A macro was substituted into the line.</param>
    /// <returns>True when the line is a conditional directive, and so is not read further.</returns>
    public bool TryApply(string text, EximPhysicalLine physical, SourceFile file, bool macroFound)
    {
        foreach (var (name, ifFound, ifNotFound, nesting) in Directives)
        {
            if (string.CompareOrdinal(text, 1, name, 0, name.Length) != 0)
            {
                continue;
            }

            // Exim's test accepts a blank, a 't' (sic: its source compares with 't', not '\t'),
            // or the end of the line; a CR of a CRLF line matches none, and such a line is skipped.
            var after = 1 + name.Length;
            var n = after < text.Length ? text[after] : physical.BreakLength == 2 ? '\r' : '\n';
            if (n is not (' ' or 't' or '\n'))
            {
                return true;
            }

            var span = file.Span(physical.Start, physical.ContentLength);
            var transition = macroFound ? ifFound : ifNotFound;
            if (nesting == Nesting.Opens)
            {
                if (_enclosing.Count >= MaxNesting)
                {
                    _errors.Add(new SyntaxError(span, $".{name} nested too deeply"));
                    return true;
                }

                _enclosing.Push(State);
                State = Next(State, transition);
            }
            else if (_enclosing.Count == 0)
            {
                _errors.Add(new SyntaxError(span, $".{name} without matching .ifdef"));
            }
            else
            {
                State = nesting == Nesting.Closes ? _enclosing.Pop() : Next(State, transition);
            }

            return true;
        }

        return false;
    }

    /// <summary>Reports a conditional still open (its <c>.endif</c> not read) at the end of the config (<paramref name="last"/>: its last file).</summary>
    public void ReportUnclosed(SourceFile last)
    {
        if (_enclosing.Count > 0)
        {
            _errors.Add(new SyntaxError(last.Span(last.Text.Length, 0), "unexpected end of configuration: .endif missing"));
        }
    }

    /// <summary>readconf.c's <c>next_cstate</c>.</summary>
    private static EximConditionState Next(EximConditionState state, Transition transition) => state switch
    {
        EximConditionState.Reading => transition switch
        {
            Transition.IfHolds => EximConditionState.Reading,
            Transition.IfFails => EximConditionState.SeekingBranch,
            _ => EximConditionState.SkippingToEndif, // the branch read was taken: the rest are not
        },
        EximConditionState.SeekingBranch => transition switch
        {
            Transition.BranchHolds => EximConditionState.Reading,
            Transition.BranchFails => EximConditionState.SeekingBranch,
            _ => EximConditionState.SkippingToEndif, // a conditional inside a skipped branch
        },
        _ => EximConditionState.SkippingToEndif,
    };
}
