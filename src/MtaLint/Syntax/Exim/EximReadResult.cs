using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>Everything read from one Exim configuration.</summary>
internal sealed class EximReadResult
{
    public required IReadOnlyList<EximStatement> Statements { get; init; }

    public required IReadOnlyList<SyntaxError> Errors { get; init; }

    /// <summary>Every file read, roots and includes, in the order first read.</summary>
    public required IReadOnlyList<SourceFile> Files { get; init; }

    /// <summary>The macros at the end of reading, in Exim's list order.</summary>
    public required IReadOnlyList<EximMacro> Macros { get; init; }

    /// <summary>How many times each macro definition was substituted into a line.</summary>
    public required IReadOnlyDictionary<EximMacroDefinition, int> MacroUseCounts { get; init; }

    /// <summary>Where a new main option goes; null when the main section ends inside a conditional.</summary>
    public EximInsertionPoint? MainInsertionPoint { get; init; }

    /// <summary>Includes that could not be read, in reading order: the config is read without them.</summary>
    public IReadOnlyList<EximMissingInclude> MissingIncludes { get; init; } = [];
}

/// <summary>An <c>.include</c> whose file could not be read: Exim would refuse the config; mtalint reads the rest.</summary>
/// <param name="At">The <c>.include</c> line.</param>
/// <param name="Path">The file as written.</param>
/// <param name="Unreadable">Why an existing file could not be read; null when there is no such file.</param>
/// <param name="Line">The line as Exim read it, macros substituted: where each char of the path was written.</param>
internal sealed record EximMissingInclude(SourceSpan At, string Path, string? Unreadable, MappedText Line);
