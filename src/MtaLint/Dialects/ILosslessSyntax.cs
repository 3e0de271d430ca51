using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// A dialect whose syntax tree prints back its input byte for byte. The fuzzer and the
/// round-trip tests check <c>Reprint(file) == file.Text</c> for every input, broken ones included.
/// </summary>
public interface ILosslessSyntax
{
    /// <summary>Parses <paramref name="file"/> with the dialect's syntax layer and prints the tree.</summary>
    string Reprint(SourceFile file);
}
