namespace MtaLint.Text;

/// <summary>A syntax error with its position.</summary>
public sealed record SyntaxError(SourceSpan Location, string Message);
