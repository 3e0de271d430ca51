using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// MappedText keeps its origins as runs. The oracle is the per-char representation it replaced:
/// one origin per char, each query a loop over chars. Random texts are built from source slices,
/// repeated origins, equal-valued but distinct macro uses, concatenations and replacements, so
/// runs meet in every way (continuing, repeating, one char long, split by an equal use), and every
/// query is compared on every range, including the ones past the end.
/// </summary>
public class MappedTextTests
{
    private static readonly SourceFile FileA = new("/a.conf", "abcdefghijklmnopqrstuvwxyz0123456789 \t ABCDEFGHIJ\n");
    private static readonly SourceFile FileB = new("/b.conf", "ZYXWVUTSRQ  ponmlk\tjihg fedcba");

    [Fact]
    public void Random_texts_answer_as_the_per_char_reference()
    {
        var random = new Random(7);
        var useA = new MacroUse("MA", FileA.Span(3, 2));
        var useB = new MacroUse("MB", FileB.Span(5, 2));
        // Equal to useA by value, another instance: runs through the two are kept apart, yet equal.
        var useA2 = new MacroUse("MA", FileA.Span(3, 2));
        MacroUse?[] uses = [null, useA, useB, useA2];
        for (var round = 0; round < 3000; round++)
        {
            var (real, naive) = Make(random, uses, depth: 0);
            AssertSame(real, naive);
        }
    }

    [Fact]
    public void Builder_joins_as_concatenation_does()
    {
        var random = new Random(11);
        MacroUse?[] uses = [null, new MacroUse("M", FileA.Span(0, 1))];
        for (var round = 0; round < 500; round++)
        {
            var builder = new MappedTextBuilder();
            var naive = Naive.Empty;
            for (var step = random.Next(1, 6); step > 0; step--)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var (piece, naivePiece) = Make(random, uses, depth: 1);
                        builder.Append(piece);
                        naive = naivePiece.Length == 0 ? naive : naive.Append(naivePiece);
                        break;
                    case 1:
                        builder.TrimEnd();
                        naive = naive.TrimEnd();
                        break;
                    default:
                        if (builder.Length > 0)
                        {
                            builder.RemoveLastChar();
                            naive = naive.Slice(0, naive.Length - 1);
                        }

                        break;
                }

                Assert.Equal(naive.Length, builder.Length);
            }

            AssertSame(builder.ToMappedText(), naive);
        }
    }

    [Fact]
    public void A_line_of_one_file_is_one_run_and_slices_keep_their_offsets()
    {
        var text = MappedText.FromSource(FileA, 2, 20);
        var slice = text.Slice(5, 10).Slice(3);

        Assert.Equal(FileA.Text.Substring(10, 7), slice.Text);
        Assert.Equal(FileA.Span(10, 7), slice.ContiguousSpan(0, 7));
        Assert.Equal([(0, 7, (MacroUse?)null)], slice.Runs());
    }

    private static (MappedText Real, Naive Naive) Make(Random random, MacroUse?[] uses, int depth)
    {
        switch (depth > 3 ? random.Next(3) : random.Next(9))
        {
            case 0:
            {
                var file = random.Next(2) == 0 ? FileA : FileB;
                var start = random.Next(file.Text.Length + 1);
                var length = random.Next(Math.Min(12, file.Text.Length - start) + 1);
                return (MappedText.FromSource(file, start, length), Naive.FromSource(file, start, length));
            }

            case 1:
            {
                var origin = new CharOrigin(random.Next(2) == 0 ? FileA : FileB, random.Next(10), uses[random.Next(uses.Length)]);
                var text = RandomText(random, random.Next(5));
                return (MappedText.AllFrom(text, origin), new Naive(text, Enumerable.Repeat(origin, text.Length).ToArray()));
            }

            case 2:
            {
                // Any origins at all: offsets that go on, stay, jump back; files and uses that change.
                var length = random.Next(8);
                var origins = new CharOrigin[length];
                var offset = random.Next(10);
                for (var i = 0; i < length; i++)
                {
                    offset = Math.Max(0, offset + random.Next(-1, 3));
                    origins[i] = new CharOrigin(random.Next(4) == 0 ? FileB : FileA, offset, uses[random.Next(uses.Length)]);
                }

                var text = RandomText(random, length);
                return (new MappedText(text, origins), new Naive(text, origins));
            }

            case 3 or 4:
            {
                var (real, naive) = Make(random, uses, depth + 1);
                var start = random.Next(real.Length + 1);
                var length = random.Next(real.Length - start + 1);
                return (real.Slice(start, length), naive.Slice(start, length));
            }

            case 5:
            {
                var count = random.Next(4);
                var pieces = Enumerable.Range(0, count).Select(_ => Make(random, uses, depth + 1)).ToList();
                return (MappedText.Concat([.. pieces.Select(p => p.Real)]), Naive.Concat([.. pieces.Select(p => p.Naive)]));
            }

            case 6:
            {
                var (a, na) = Make(random, uses, depth + 1);
                var (b, nb) = Make(random, uses, depth + 1);
                return (a.Append(b), nb.Length == 0 ? na : na.Length == 0 ? nb : na.Append(nb));
            }

            case 7:
            {
                var (line, naiveLine) = Make(random, uses, depth + 1);
                var (replacement, naiveReplacement) = Make(random, uses, depth + 1);
                var length = random.Next(3);
                var occurrences = new List<(int Start, MacroUse Use)>();
                for (var at = random.Next(3); at + length <= line.Length; at += length + random.Next(3))
                {
                    occurrences.Add((at, uses[1 + random.Next(uses.Length - 1)]!));
                    if (length == 0)
                    {
                        at++;
                    }
                }

                return (line.ReplaceAll(length, occurrences, replacement), naiveLine.ReplaceAll(length, occurrences, naiveReplacement));
            }

            default:
            {
                var (real, naive) = Make(random, uses, depth + 1);
                return random.Next(3) switch
                {
                    0 => (real.Trim(), naive.Trim()),
                    1 => (real.TrimStart(), naive.TrimStart()),
                    _ => (real.TrimEnd(), naive.TrimEnd()),
                };
            }
        }
    }

    private static string RandomText(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => " \tabXY_"[random.Next(7)])]);

    private static void AssertSame(MappedText real, Naive naive)
    {
        Assert.Equal(naive.Text, real.Text);
        for (var i = -1; i <= naive.Length; i++)
        {
            var expected = Try(() => naive.Origins[i]);
            var actual = Try(() => real.OriginAt(i));
            Assert.Equal(expected.Threw, actual.Threw);
            Assert.Equal(expected.Value, actual.Value);
            Assert.Same(expected.Value.MacroUse, actual.Value.MacroUse);
        }

        Assert.Equal(naive.Runs(), real.Runs());
        for (var start = -1; start <= naive.Length + 1; start++)
        {
            for (var length = 0; start + length <= naive.Length + 2; length++)
            {
                AssertSameAnswer(naive.ContiguousSpan, real.ContiguousSpan, start, length);
                AssertSameAnswer(naive.OriginSpan, real.OriginSpan, start, length);
                AssertSameAnswer(naive.DisplaySpan, real.DisplaySpan, start, length);
            }
        }
    }

    private static void AssertSameAnswer(Func<int, int, SourceSpan?> expected, Func<int, int, SourceSpan?> actual, int start, int length)
    {
        var e = Try(() => expected(start, length));
        var a = Try(() => actual(start, length));
        Assert.True(e.Threw == a.Threw, $"[{start}, +{length}): the reference {(e.Threw ? "throws" : "answers")}, MappedText {(a.Threw ? "throws" : "answers")}");
        Assert.Equal(e.Value, a.Value);
    }

    private static (bool Threw, T? Value) Try<T>(Func<T> f)
    {
        try
        {
            return (false, f());
        }
        catch (Exception ex) when (ex is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return (true, default);
        }
    }

    /// <summary>The per-char MappedText this replaced, kept as the reference.</summary>
    private sealed class Naive(string text, CharOrigin[] origins)
    {
        public static Naive Empty { get; } = new(string.Empty, []);

        public string Text { get; } = text;

        public CharOrigin[] Origins { get; } = origins;

        public int Length => Text.Length;

        public static Naive FromSource(SourceFile file, int start, int length) =>
            new(file.Text.Substring(start, length), [.. Enumerable.Range(start, length).Select(o => new CharOrigin(file, o, null))]);

        public static Naive Concat(IReadOnlyList<Naive> pieces) =>
            pieces.Count == 1 ? pieces[0]
            : pieces.Sum(p => p.Length) == 0 ? Empty
            : new(string.Concat(pieces.Select(p => p.Text)), [.. pieces.SelectMany(p => p.Origins)]);

        public Naive Slice(int start, int length) => new(Text.Substring(start, length), Origins.AsSpan(start, length).ToArray());

        public Naive Append(Naive other) => new(Text + other.Text, [.. Origins, .. other.Origins]);

        public Naive ReplaceAll(int length, IReadOnlyList<(int Start, MacroUse Use)> occurrences, Naive replacement)
        {
            var text = new System.Text.StringBuilder();
            var origins = new List<CharOrigin>();
            var from = 0;
            foreach (var (start, use) in occurrences)
            {
                text.Append(Text, from, start - from).Append(replacement.Text);
                origins.AddRange(Origins.AsSpan(from, start - from));
                origins.AddRange(replacement.Origins.Select(o => o with { MacroUse = use }));
                from = start + length;
            }

            text.Append(Text, from, Length - from);
            origins.AddRange(Origins.AsSpan(from));
            return new(text.ToString(), [.. origins]);
        }

        public Naive TrimStart()
        {
            var i = 0;
            while (i < Length && MappedText.IsSpace(Text[i]))
            {
                i++;
            }

            return i == 0 ? this : Slice(i, Length - i);
        }

        public Naive TrimEnd()
        {
            var end = Length;
            while (end > 0 && MappedText.IsSpace(Text[end - 1]))
            {
                end--;
            }

            return end == Length ? this : Slice(0, end);
        }

        public Naive Trim() => TrimStart().TrimEnd();

        public SourceSpan? ContiguousSpan(int start, int length)
        {
            if (length == 0)
            {
                if (start < Length)
                {
                    var o = Origins[start];
                    return o.MacroUse is null ? o.File.Span(o.Offset, 0) : null;
                }

                if (start > 0)
                {
                    var o = Origins[start - 1];
                    return o.MacroUse is null ? o.File.Span(o.Offset + 1, 0) : null;
                }

                return null;
            }

            var first = Origins[start];
            for (var i = 1; i < length; i++)
            {
                var o = Origins[start + i];
                if (o.File != first.File || o.Offset != first.Offset + i || o.MacroUse != first.MacroUse)
                {
                    return null;
                }
            }

            return first.MacroUse is null ? first.File.Span(first.Offset, length) : null;
        }

        public SourceSpan? OriginSpan(int start, int length)
        {
            if (length == 0 || start + length > Length)
            {
                return null;
            }

            var first = Origins[start];
            for (var i = 1; i < length; i++)
            {
                var o = Origins[start + i];
                if (o.File != first.File || o.Offset != first.Offset + i)
                {
                    return null;
                }
            }

            return first.File.Span(first.Offset, length);
        }

        public SourceSpan? DisplaySpan(int start, int length)
        {
            if (ContiguousSpan(start, length) is { } exact)
            {
                return exact;
            }

            if (Length == 0)
            {
                return null;
            }

            start = Math.Clamp(start, 0, Length - 1);
            var end = Math.Clamp(start + Math.Max(length, 1), start + 1, Length);
            SourceFile? file = null;
            int min = int.MaxValue, max = int.MinValue;
            for (var i = start; i < end; i++)
            {
                var o = Origins[i];
                var (f, s, e) = o.MacroUse is { } use
                    ? (use.Span.File, use.Span.Span.Start, use.Span.Span.End)
                    : (o.File, o.Offset, o.Offset + 1);
                file ??= f;
                if (f != file)
                {
                    continue;
                }

                min = Math.Min(min, s);
                max = Math.Max(max, e);
            }

            return file is null ? null : file.Span(min, max - min);
        }

        public List<(int Start, int Length, MacroUse? Use)> Runs()
        {
            var runs = new List<(int, int, MacroUse?)>();
            var i = 0;
            while (i < Length)
            {
                var j = i + 1;
                while (j < Length && Origins[j].MacroUse == Origins[i].MacroUse)
                {
                    j++;
                }

                runs.Add((i, j - i, Origins[i].MacroUse));
                i = j;
            }

            return runs;
        }
    }
}
