using System.Collections.Concurrent;
using System.Text;
using OneWindow.Domain.Licences;
using QRCoder;
using SkiaSharp;

namespace OneWindow.Functions.Licences;

/// <summary>
/// Renders a licence as a one-page A4 PDF in Chinese with SkiaSharp's PDF backend and the Noto Sans CJK font: the
/// fields, a QR code of the signed payload (QRCoder, drawn as vector modules), a diagonal watermark, and the payload
/// again in the PDF's Keywords as <see cref="LicencePdfPayload"/> so tools read it back without scanning the image.
/// </summary>
public sealed class LicenceDocument(LicenceOptions options)
{
    private const float Width = 595, Height = 842; // A4 in points
    private static readonly ConcurrentDictionary<string, SKTypeface> Typefaces = new(StringComparer.Ordinal);

    /// <summary>What the page shows besides the signed payload.</summary>
    public sealed record View(string ItemName, string IssuerName, string? Scope, string HolderKind);

    public byte[] Render(LicencePayload payload, View view)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(view);
        var qrText = payload.ToQrText();
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = payload.Number,
            Subject = "OneWindow electronic licence " + payload.Number,
            Keywords = LicencePdfPayload.Keywords(qrText),
            Creator = "OneWindow",
            Producer = "OneWindow (SkiaSharp)",
            RasterDpi = 72,
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var canvas = document.BeginPage(Width, Height);
            Draw(canvas, payload, view, qrText);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private void Draw(SKCanvas canvas, LicencePayload payload, View view, string qrText)
    {
        var typeface = Typeface(options.FontPath);
        using var ink = new SKPaint { Color = new SKColor(0x20, 0x20, 0x20), IsAntialias = true };
        using var red = new SKPaint { Color = new SKColor(0xB0, 0x1C, 0x1C), IsAntialias = true };
        using var frame = new SKPaint { Color = new SKColor(0xB0, 0x1C, 0x1C), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
        using var thin = new SKPaint { Color = new SKColor(0xB0, 0x1C, 0x1C), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        canvas.DrawRect(24, 24, Width - 48, Height - 48, frame);
        canvas.DrawRect(32, 32, Width - 64, Height - 64, thin);

        using var title = new SKFont(typeface, 34) { Embolden = true };
        using var subtitle = new SKFont(typeface, 14);
        using var label = new SKFont(typeface, 15) { Embolden = true };
        using var text = new SKFont(typeface, 15);
        using var small = new SKFont(typeface, 10);
        canvas.DrawText("中华人民共和国", Width / 2, 100, SKTextAlign.Center, subtitle, red);
        canvas.DrawText(payload.Kind, Width / 2, 150, SKTextAlign.Center, title, red);
        canvas.DrawText("（电子证照）", Width / 2, 178, SKTextAlign.Center, subtitle, red);

        var rows = new List<(string, string)>
        {
            ("证照编号", payload.Number),
            ("持证主体", payload.Holder),
            (view.HolderKind == "enterprise" ? "统一社会信用代码" : "身份证件号码", payload.HolderId),
            ("许可事项", view.ItemName),
        };
        if (!string.IsNullOrWhiteSpace(view.Scope)) rows.Add(("许可范围", view.Scope));
        rows.Add(("有效期限", payload.ValidUntil is { } until
            ? $"{LicenceTime.Chinese(payload.IssuedOn)} 至 {LicenceTime.Chinese(until)}"
            : $"自 {LicenceTime.Chinese(payload.IssuedOn)} 起长期有效"));
        rows.Add(("发证机关", view.IssuerName));
        rows.Add(("发证日期", LicenceTime.Chinese(payload.IssuedOn)));
        rows.Add(("证照版本", $"第 {payload.Version} 版"));
        var y = 240f;
        foreach (var (name, value) in rows)
        {
            canvas.DrawText(name + "：", 80, y, SKTextAlign.Left, label, ink);
            foreach (var line in Wrap(value, text, Width - 80 - 210))
            {
                canvas.DrawText(line, 210, y, SKTextAlign.Left, text, ink);
                y += 24;
            }

            y += 10;
        }

        // The watermark goes over the text, faint, so a copy of the page shows it; the QR code is drawn after it, clean.
        using var mark = new SKFont(typeface, 30);
        using var faint = new SKPaint { Color = new SKColor(0xB0, 0x1C, 0x1C, 0x22), IsAntialias = true };
        canvas.Save();
        canvas.RotateDegrees(-30, Width / 2, Height / 2);
        for (var row = -2; row < 9; row++)
        {
            for (var col = -1; col < 3; col++) canvas.DrawText("示范县政务服务 电子证照", col * 330 + (row % 2) * 160, row * 130, SKTextAlign.Left, mark, faint);
        }

        canvas.Restore();

        // Bottom: the issuer's seal line and the online check on the left, the QR code on the right.
        const float qrSize = 170, bottom = Height - 90;
        var left = Width - 80 - qrSize - 20 - 80;
        canvas.DrawText("发证机关（电子签章）：", 80, bottom - qrSize + 20, SKTextAlign.Left, label, red);
        canvas.DrawText(view.IssuerName, 80, bottom - qrSize + 46, SKTextAlign.Left, label, red);
        var lineY = bottom - 60;
        canvas.DrawText("在线核验：", 80, lineY, SKTextAlign.Left, small, ink);
        foreach (var line in Wrap($"{options.VerificationBaseUrl}/api/licences/{payload.Number}/verification", small, left))
        {
            lineY += 14;
            canvas.DrawText(line, 80, lineY, SKTextAlign.Left, small, ink);
        }

        DrawQr(canvas, qrText, new SKRect(Width - 80 - qrSize, bottom - qrSize, Width - 80, bottom));
        canvas.DrawText("扫描二维码可离线核验（SM2 数字签名）", Width - 80 - qrSize / 2, bottom + 18, SKTextAlign.Center, small, ink);
    }

    private static void DrawQr(SKCanvas canvas, string text, SKRect area)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
        var matrix = data.ModuleMatrix;
        var size = matrix.Count;
        var module = area.Width / size;
        using var white = new SKPaint { Color = SKColors.White };
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        canvas.DrawRect(area, white);
        for (var row = 0; row < size; row++)
        {
            for (var col = 0; col < size; col++)
            {
                if (matrix[row][col]) canvas.DrawRect(area.Left + col * module, area.Top + row * module, module + 0.05f, module + 0.05f, black);
            }
        }
    }

    private static IEnumerable<string> Wrap(string value, SKFont font, float width)
    {
        var line = new StringBuilder();
        foreach (var ch in value)
        {
            if (line.Length > 0 && font.MeasureText(line.ToString() + ch) > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(ch);
        }

        yield return line.ToString();
    }

    /// <summary>The Simplified Chinese face of the collection (a .ttc holds JP, KR, SC, TC, HK faces).</summary>
    private static SKTypeface Typeface(string path) => Typefaces.GetOrAdd(path, p =>
    {
        if (!File.Exists(p)) throw new InvalidOperationException($"The licence font {p} is missing: install Debian's fonts-noto-cjk (README) or set Licences:FontPath.");
        for (var index = 0; index < 10; index++)
        {
            var face = SKTypeface.FromFile(p, index);
            if (face is null) break;
            if (face.FamilyName.EndsWith(" SC", StringComparison.Ordinal)) return face;
            face.Dispose();
        }

        return SKTypeface.FromFile(p) ?? throw new InvalidOperationException($"The licence font {p} could not be read.");
    });
}
