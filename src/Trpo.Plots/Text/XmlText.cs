using System.Text;

namespace Trpo.Plots.Text;

/// <summary>Escapes text for XML (SVG) and HTML content and attribute values.</summary>
public static class XmlText
{
    /// <summary>
    /// <paramref name="text"/> with <c>&amp; &lt; &gt; " '</c> escaped, line breaks and tabs turned into spaces,
    /// and characters XML 1.0 cannot hold (other control characters, lone surrogates, U+FFFE, U+FFFF) replaced
    /// by U+FFFD, so that any label gives a well-formed document.
    /// </summary>
    public static string Escape(string text)
    {
        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '\'': result.Append("&#39;"); break;
                case '\t' or '\n' or '\r': result.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        result.Append(c).Append(text[++i]);
                    }
                    else if (c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
                    {
                        result.Append('\uFFFD');
                    }
                    else
                    {
                        result.Append(c);
                    }
                    break;
            }
        }
        return result.ToString();
    }
}
