namespace MtaLint.Model.Postfix;

/// <summary>
/// How much text expanding one Postfix configuration's <c>$name</c> references may build, in chars,
/// across all its scopes. Postfix itself has no bound: it expands a value in full wherever it is
/// used, so <c>a0 = $a1$a1</c>, <c>a1 = $a2$a2</c>... 40 levels deep (600 bytes) is 2^40 chars, and
/// <c>postconf -x</c> and <c>postconf -n</c> do not finish. The budget, like Exim's 1 MiB line and
/// m4's step budget, is 1 MiB plus 4 chars per char of the configuration: what a real value and
/// its references expand to is far less. One instance per configuration; not for use from several threads at once.
/// </summary>
internal sealed class PostfixExpansionBudget
{
    public const int BaseChars = 1 << 20;

    public const int CharsPerInputChar = 4;

    public PostfixExpansionBudget(long configChars)
    {
        Limit = BaseChars + (CharsPerInputChar * configChars);
    }

    /// <summary>Chars expansion may build in all.</summary>
    public long Limit { get; }

    /// <summary>Chars built so far.</summary>
    public long Spent { get; private set; }

    /// <summary>Once true, nothing more is built: every expansion asked for afterwards is cut short.</summary>
    public bool Exhausted => Cut is not null;

    /// <summary>The names being expanded, outermost first, when the budget ran out; null while it lasts.</summary>
    public IReadOnlyList<string>? Cut { get; private set; }

    /// <summary>
    /// Whether text of <paramref name="chars"/> made of expansions already paid for may be put
    /// together (a banner of its parts) without taking from the budget; false, recording
    /// <paramref name="chain"/>, when it is longer than what is left.
    /// </summary>
    public bool Fits(long chars, IReadOnlyList<string> chain)
    {
        if (!Exhausted && Spent + chars > Limit)
        {
            Cut = [.. chain];
        }

        return !Exhausted;
    }

    /// <summary>Takes <paramref name="chars"/> from the budget; false, recording <paramref name="chain"/>, when that is more than is left.</summary>
    public bool TrySpend(long chars, IReadOnlyList<string> chain)
    {
        if (Exhausted)
        {
            return false;
        }

        if (Spent + chars > Limit)
        {
            Cut = [.. chain];
            return false;
        }

        Spent += chars;
        return true;
    }
}
