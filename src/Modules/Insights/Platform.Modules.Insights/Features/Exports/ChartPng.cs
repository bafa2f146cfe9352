using SkiaSharp;

namespace Platform.Modules.Insights.Features.Exports;

/// <summary>
/// Rasterises a <see cref="ChartLayout"/> to PNG with Skia: rectangles and lines without anti-aliasing
/// (crisp edges, exact lengths), text anti-aliased in a Chinese font when the machine has one. Without
/// one the text falls back to the default font (Chinese may then not show); the bars are drawn all the
/// same.
/// </summary>
internal static class ChartPng
{
    public const string ContentType = "image/png";

    private static readonly string[] ChineseFamilies =
        ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "SimHei"];

    private static readonly Lazy<SKTypeface> Typeface = new(FindTypeface);

    public static byte[] Render(ChartLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        using var bitmap = new SKBitmap(new SKImageInfo(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            foreach (var shape in layout.Shapes)
            {
                Draw(canvas, shape);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void Draw(SKCanvas canvas, ChartShape shape)
    {
        switch (shape)
        {
            case ChartRect rect when rect.Width > 0 && rect.Height > 0:
                using (var paint = new SKPaint { Color = SKColor.Parse(rect.Fill), Style = SKPaintStyle.Fill, IsAntialias = false })
                {
                    canvas.DrawRect(SKRect.Create((float)rect.X, (float)rect.Y, (float)rect.Width, (float)rect.Height), paint);
                }

                break;
            case ChartLine line:
                using (var paint = new SKPaint { Color = SKColor.Parse(line.Stroke), Style = SKPaintStyle.Stroke, StrokeWidth = (float)line.StrokeWidth, IsAntialias = false })
                {
                    canvas.DrawLine((float)line.X1, (float)line.Y1, (float)line.X2, (float)line.Y2, paint);
                }

                break;
            case ChartText text:
                using (var paint = new SKPaint { Color = SKColor.Parse(text.Fill), IsAntialias = true })
                using (var font = new SKFont(Typeface.Value, (float)text.Size) { Embolden = text.Bold, Edging = SKFontEdging.Antialias, Subpixel = true })
                {
                    var align = text.Anchor switch
                    {
                        ChartAnchor.Middle => SKTextAlign.Center,
                        ChartAnchor.End => SKTextAlign.Right,
                        _ => SKTextAlign.Left,
                    };
                    canvas.DrawText(text.Content, (float)text.X, (float)text.Y, align, font, paint);
                }

                break;
        }
    }

    /// <summary>A font with Chinese glyphs if the machine has one, else the default.</summary>
    private static SKTypeface FindTypeface()
    {
        foreach (var family in ChineseFamilies)
        {
            var typeface = SKTypeface.FromFamilyName(family);
            if (typeface is not null && typeface.ContainsGlyph('中'))
            {
                return typeface;
            }
        }

        return SKFontManager.Default.MatchCharacter('中') ?? SKTypeface.Default;
    }
}
