namespace MtaLint.Text;

/// <summary>What a cut reads and does to the text it cuts, in chars of the text as the later cuts left it.</summary>
internal interface ICutText
{
    int Length { get; }

    int LeftLength { get; }

    char LastOfLeft { get; }

    char FirstOfRight { get; }

    bool RightIsSpacesAndTabs { get; }

    char this[int i] { get; }

    bool OnlyWhiteSpaceFrom(int index);

    void MoveGapTo(int index);

    ReadOnlySpan<char> Right(int length);

    void DropRight(int length);

    void TrimRightStart();

    void TrimLeftEnd();

    void InsertAtGap(char c);
}
