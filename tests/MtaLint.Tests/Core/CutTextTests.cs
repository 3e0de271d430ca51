using System.Text;
using CsCheck;
using MtaLint.Text;

namespace MtaLint.Tests.Core;

/// <summary>
/// The two texts banner cuts are made in (<see cref="GapText"/>, a copy; <see cref="SplicedText"/>,
/// slices of the raw text) against a plain list of chars with a gap index, under random sequences of
/// the operations a cut makes. SplicedText may refuse a move right into text a cut changed
/// (<see cref="SplicedText.UnsupportedMove"/>, after which BannerTidy starts over in a GapText): up
/// to the refusal it must agree too.
/// </summary>
public sealed class CutTextTests
{
    private const int MaxInserts = 4;

    private static readonly Gen<string> Text = Gen.Char[" \tab/(;)"].Array[0, 24].Select(c => new string(c));

    /// <summary>An operation: its kind, and a number read as an index or a length within the text at the time.</summary>
    private static readonly Gen<(int Kind, int N)> Operation = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 30]);

    [Fact]
    public void Both_cut_texts_do_what_a_plain_list_of_chars_does() =>
        Gen.Select(Text, Operation.List[0, 30]).Sample((text, operations) =>
        {
            var reference = new PlainText(text);
            var gap = new GapText(text, MaxInserts);
            var spliced = new SplicedText(new TextSlice(text), MaxInserts);
            gap.MoveGapTo(text.Length); // a GapText starts with its gap first, a SplicedText with its gap last
            var splicedAlive = true;
            var inserts = 0;
            foreach (var (kind, n) in operations)
            {
                if (kind == 4 && inserts++ >= MaxInserts)
                {
                    continue;
                }

                var expected = Apply(reference, kind, n);
                if (Apply(gap, kind, n) != expected || !Same(reference, gap))
                {
                    return false;
                }

                if (splicedAlive)
                {
                    try
                    {
                        if (Apply(spliced, kind, n) != expected || !Same(reference, spliced))
                        {
                            return false;
                        }
                    }
                    catch (SplicedText.UnsupportedMove)
                    {
                        splicedAlive = false;
                    }
                }
            }

            return true;
        }, iter: 20_000);

    [Fact]
    public void Spliced_text_refuses_only_moves_right_into_text_a_cut_changed()
    {
        var spliced = new SplicedText(new TextSlice("ab cd ef"), 1);
        spliced.MoveGapTo(3);
        spliced.DropRight(3);
        Assert.Equal("ab ef", spliced.ToString());

        spliced.MoveGapTo(1); // left, into text no cut has changed
        Assert.Equal("ab ef", spliced.ToString());
        Assert.Throws<SplicedText.UnsupportedMove>(() => spliced.MoveGapTo(4));
    }

    /// <summary>Does operation <paramref name="kind"/> and gives what it answered (a string, or "" for none).</summary>
    private static string Apply(ICutText text, int kind, int n)
    {
        var rightLength = text.Length - text.LeftLength;
        switch (kind)
        {
            case 0:
                text.MoveGapTo(n % (text.Length + 1));
                return string.Empty;
            case 1:
                var length = n % (rightLength + 1);
                var right = text.Right(length).ToString();
                text.DropRight(length);
                return right;
            case 2:
                text.TrimRightStart();
                return string.Empty;
            case 3:
                text.TrimLeftEnd();
                return string.Empty;
            case 4:
                text.InsertAtGap(n % 2 == 0 ? ' ' : 'x');
                return string.Empty;
            default:
                return text.OnlyWhiteSpaceFrom(n % (text.Length + 1)) ? "yes" : "no";
        }
    }

    private static bool Same(PlainText expected, ICutText actual)
    {
        var all = expected.ToString();
        if (actual.ToString() != all || actual.Length != all.Length || actual.LeftLength != expected.LeftLength
            || actual.RightIsSpacesAndTabs != expected.RightIsSpacesAndTabs)
        {
            return false;
        }

        for (var i = 0; i < all.Length; i++)
        {
            if (actual[i] != all[i])
            {
                return false;
            }
        }

        return (expected.LeftLength == 0 || actual.LastOfLeft == expected.LastOfLeft)
            && (expected.LeftLength == all.Length || actual.FirstOfRight == expected.FirstOfRight);
    }

    /// <summary>The text as a list of chars and the gap as an index into it: what the two others must do.</summary>
    private sealed class PlainText(string text) : ICutText
    {
        private readonly StringBuilder _chars = new(text);

        public int Length => _chars.Length;

        public int LeftLength { get; private set; } = text.Length;

        public char LastOfLeft => _chars[LeftLength - 1];

        public char FirstOfRight => _chars[LeftLength];

        public bool RightIsSpacesAndTabs => Enumerable.Range(LeftLength, Length - LeftLength).All(i => _chars[i] is ' ' or '\t');

        public char this[int i] => _chars[i];

        public bool OnlyWhiteSpaceFrom(int index)
        {
            // GapText and SplicedText move the gap there when index is left of it: so does this.
            LeftLength = Math.Min(LeftLength, index);
            return Enumerable.Range(index, Length - index).All(i => char.IsWhiteSpace(_chars[i]));
        }

        public void MoveGapTo(int index) => LeftLength = index;

        public ReadOnlySpan<char> Right(int length) => _chars.ToString(LeftLength, length).AsSpan();

        public void DropRight(int length) => _chars.Remove(LeftLength, length);

        public void TrimRightStart()
        {
            while (LeftLength < Length && _chars[LeftLength] is ' ' or '\t')
            {
                _chars.Remove(LeftLength, 1);
            }
        }

        public void TrimLeftEnd()
        {
            while (LeftLength > 0 && _chars[LeftLength - 1] is ' ' or '\t')
            {
                _chars.Remove(--LeftLength, 1);
            }
        }

        public void InsertAtGap(char c) => _chars.Insert(LeftLength, c); // the first char right of the gap

        public override string ToString() => _chars.ToString();
    }
}
