namespace MtaLint.Text;

/// <summary>
/// Input a dialect cannot read, at its place in the file: what every dialect's syntax layer and
/// extractor report, and what a run shows as <c>file:line:column</c> under rule MTA000 (exit code 2).
/// </summary>
public sealed record SyntaxError(SourceSpan Location, string Message);
