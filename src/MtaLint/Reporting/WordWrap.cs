namespace MtaLint.Reporting;

/// <summary>Breaks text into lines at spaces for a terminal of a given width; words are never split (a path or URL longer than the width stands alone).</summary>
internal static class WordWrap
{
    /// <summary>
    /// The lines of <paramref name="text"/>: the first at most <paramref name="firstWidth"/> chars, the
    /// others at most <paramref name="restWidth"/>, except where one word is longer. Spaces at a break
    /// are dropped; spaces elsewhere are kept as they are.
    /// </summary>
    public static List<string> Lines(string text, int firstWidth, int restWidth)
    {
        var lines = new List<string>();
        var start = 0;
        var width = Math.Max(1, firstWidth);
        while (text.Length - start > width)
        {
            var cut = text.LastIndexOf(' ', start + width, width + 1);
            if (cut <= start)
            {
                cut = text.IndexOf(' ', start + width);
                if (cut < 0)
                {
                    break; // the rest is one word
                }
            }

            lines.Add(text[start..cut].TrimEnd(' '));
            start = cut;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            width = Math.Max(1, restWidth);
        }

        lines.Add(text[start..]);
        return lines;
    }
}
