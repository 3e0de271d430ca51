namespace MtaLint.Syntax.Exim;

/// <summary>A macro as Exim holds it while reading: name, replacement, and where it came from.</summary>
internal sealed class EximMacro(string name, MappedText value, EximMacroOrigin origin, EximMacroDefinition? definition = null)
{
    public string Name { get; } = name;

    public MappedText Value { get; set; } = value;

    public EximMacroOrigin Origin { get; } = origin;

    /// <summary>The statement that last gave the macro its value; null for built-in and <c>-D</c> macros.</summary>
    public EximMacroDefinition? Definition { get; set; } = definition;
}

internal enum EximMacroOrigin
{
    /// <summary>Defined by Exim itself (<c>_HAVE_TLS</c>, <c>_OPT_MAIN_...</c>): seen only from a line whose first macro candidate starts with <c>_</c>.</summary>
    BuiltIn,

    /// <summary><c>-D NAME=value</c> on the command line: a definition in the file does not override it.</summary>
    CommandLine,

    Config,
}
