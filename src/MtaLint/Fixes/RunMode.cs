namespace MtaLint.Fixes;

/// <summary>What a run does with the fixes of each unit: it decides what is written and how reports word their summary.</summary>
public enum RunMode
{
    /// <summary>Lint only.</summary>
    Check,

    /// <summary>Compute fixes and write the fixed files.</summary>
    Fix,

    /// <summary>Compute fixes and return the changes; write nothing.</summary>
    Diff,
}
