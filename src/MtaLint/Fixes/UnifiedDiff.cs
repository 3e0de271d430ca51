using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using MtaLint.Text;

namespace MtaLint.Fixes;

/// <summary>
/// A unified diff (<c>--- a/PATH</c>, <c>+++ b/PATH</c>, 3 lines of context) that <c>git apply</c>
/// and <c>patch -p1</c> accept, laid out as git and GNU diff lay it out. DiffPlex computes the line
/// diff; the hunks are laid out here because DiffPlex's own writers do not give that patch:
/// its <c>UnidiffRenderer</c> ends lines with <see cref="Environment.NewLine"/> (CRLF on Windows),
/// writes no <c>\ No newline at end of file</c> (git then refuses the patch), always writes a
/// count and starts an empty range at 1 (diff writes <c>@@ -5 +5 @@</c> and <c>-0,0</c>), and its
/// <c>InlineDiffBuilder</c> interleaves a block's deleted and inserted lines where diff writes
/// all <c>-</c> lines first.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    /// <summary>
    /// Lines as git and patch see them: ended by LF only (a lone CR is part of the line), each with
    /// its line break, so CRLF survives and a missing final newline is a difference. DiffPlex's
    /// <c>LineEndingsPreservingChunker</c> would also end a line at a lone CR.
    /// </summary>
    private static readonly IChunker LinesWithEnds = new CustomFunctionChunker(SplitKeepingEnds);

    public static string Create(string path, string oldText, string newText)
    {
        if (oldText == newText)
        {
            return string.Empty;
        }

        var diff = Differ.Instance.CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, LinesWithEnds);
        var oldLines = diff.PiecesOld;
        var newLines = diff.PiecesNew;

        // Walk the diff blocks into a per-line script of ' ', '-', '+'.
        var script = new List<(char Op, int OldIndex, int NewIndex)>();
        int o = 0, n = 0;
        foreach (var block in diff.DiffBlocks)
        {
            while (o < block.DeleteStartA)
            {
                script.Add((' ', o++, n++));
            }

            for (var k = 0; k < block.DeleteCountA; k++)
            {
                script.Add(('-', o++, n));
            }

            for (var k = 0; k < block.InsertCountB; k++)
            {
                script.Add(('+', o, n++));
            }
        }

        while (o < oldLines.Count)
        {
            script.Add((' ', o++, n++));
        }

        var sb = new StringBuilder();
        var displayPath = path.Replace('\\', '/').TrimStart('/');
        sb.Append("--- ").Append(EscapedPath.ForPatch("a/" + displayPath)).Append('\n');
        sb.Append("+++ ").Append(EscapedPath.ForPatch("b/" + displayPath)).Append('\n');

        var i = 0;
        while (i < script.Count)
        {
            if (script[i].Op == ' ')
            {
                i++;
                continue;
            }

            var start = Math.Max(0, i - Context);
            var end = i;
            // Extend the hunk while the next change is within 2 * Context lines.
            while (true)
            {
                while (end < script.Count && script[end].Op != ' ')
                {
                    end++;
                }

                var nextChange = end;
                while (nextChange < script.Count && script[nextChange].Op == ' ')
                {
                    nextChange++;
                }

                if (nextChange < script.Count && nextChange - end <= 2 * Context)
                {
                    end = nextChange;
                    continue;
                }

                end = Math.Min(script.Count, end + Context);
                break;
            }

            WriteHunk(sb, script, start, end, oldLines, newLines);
            i = end;
        }

        return sb.ToString();
    }

    /// <summary>
    /// The diff as the bytes a patch must hold to apply to the file on disk: lines in the file's
    /// encoding (a Latin-1 file's bytes, not their UTF-8 rendering) and the byte order mark on the
    /// first line when the file has one; the headers (paths) in UTF-8, as the file system names them.
    /// </summary>
    public static byte[] CreatePatch(SourceFile before, SourceFile after)
    {
        var diff = Create(before.Path, OnDisk(before), OnDisk(after));
        var encoding = before.Encoding == SourceEncoding.Latin1 ? Encoding.Latin1 : (Encoding)new UTF8Encoding(false);
        using var bytes = new MemoryStream(diff.Length + 16);
        var lines = diff.Split('\n');
        for (var k = 0; k < lines.Length; k++)
        {
            var line = lines[k];
            if (k >= 2 && line.Length > 0 && line[0] is ' ' or '-' or '+')
            {
                bytes.WriteByte((byte)line[0]);
                var content = line.AsSpan(1);
                if (content.StartsWith(ByteOrderMark))
                {
                    bytes.Write([0xEF, 0xBB, 0xBF]);
                    content = content[1..];
                }

                bytes.Write(encoding.GetBytes(content.ToString()));
            }
            else
            {
                bytes.Write(Encoding.UTF8.GetBytes(line));
            }

            if (k < lines.Length - 1)
            {
                bytes.WriteByte((byte)'\n');
            }
        }

        return bytes.ToArray();
    }

    private const string ByteOrderMark = "\uFEFF";

    /// <summary>The text with the byte order mark the file starts with, so the first line's context matches the file.</summary>
    private static string OnDisk(SourceFile file) => file.HasBom ? ByteOrderMark + file.Text : file.Text;

    private static void WriteHunk(StringBuilder sb, List<(char Op, int OldIndex, int NewIndex)> script, int start, int end, IReadOnlyList<string> oldLines, IReadOnlyList<string> newLines)
    {
        var oldCount = 0;
        var newCount = 0;
        for (var k = start; k < end; k++)
        {
            if (script[k].Op != '+')
            {
                oldCount++;
            }

            if (script[k].Op != '-')
            {
                newCount++;
            }
        }

        var oldStart = oldCount == 0 ? script[start].OldIndex : script[start].OldIndex + 1;
        var newStart = newCount == 0 ? script[start].NewIndex : script[start].NewIndex + 1;
        sb.Append("@@ -").Append(oldStart).Append(oldCount == 1 ? string.Empty : "," + oldCount)
          .Append(" +").Append(newStart).Append(newCount == 1 ? string.Empty : "," + newCount).Append(" @@\n");
        for (var k = start; k < end; k++)
        {
            var (op, oi, ni) = script[k];
            var line = op == '+' ? newLines[ni] : oldLines[oi];
            sb.Append(op);
            if (line.EndsWith('\n'))
            {
                sb.Append(line);
            }
            else
            {
                sb.Append(line).Append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static List<string> SplitKeepingEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        return lines;
    }
}
