using OneWindow.Domain.Licences;

namespace OneWindow.LicenceVerifier;

/// <summary>The verifier's logic, callable from tests: arguments in, report and exit code out.</summary>
public static class Verification
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int Unreadable = 2;

    public static int Run(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        string? key = null, subject = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--public-key" or "-k" && i + 1 < args.Length) key = args[++i];
            else if (args[i] is "--public-key-file" && i + 1 < args.Length) key = File.ReadAllText(args[++i]).Trim();
            else subject ??= args[i];
        }

        if (key is null || subject is null)
        {
            error.WriteLine("usage: verify-licence --public-key <hex|--public-key-file path> <QR payload | licence.pdf | - (payload on stdin)>");
            error.WriteLine("The issuer's public key: GET /api/licences/issuers/{issuer}/public-key (publicKey).");
            return Unreadable;
        }

        string? text;
        if (subject == "-") text = input.ReadToEnd();
        else if (File.Exists(subject))
        {
            text = LicencePdfPayload.Extract(File.ReadAllBytes(subject));
            if (text is null)
            {
                error.WriteLine($"{subject}: no OneWindow licence payload found in the file.");
                return Unreadable;
            }
        }
        else text = subject;

        var payload = LicencePayload.Parse(text, out var problem);
        if (payload is null)
        {
            error.WriteLine(problem);
            return Unreadable;
        }

        output.WriteLine($"number:     {payload.Number} (version {payload.Version})");
        output.WriteLine($"kind:       {payload.Kind}");
        output.WriteLine($"item:       {payload.ItemCode}");
        output.WriteLine($"issuer:     {payload.Issuer}");
        output.WriteLine($"holder:     {payload.Holder} ({payload.HolderId})");
        output.WriteLine($"issued:     {payload.IssuedOn:yyyy-MM-dd}");
        output.WriteLine($"valid until:{(payload.ValidUntil is { } until ? " " + until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : " long-term")}");
        if (LicenceSigning.Verify(payload, key.Trim()))
        {
            output.WriteLine("signature:  VALID (SM2/SM3, issuer's public key). Revocation is only known online: GET /api/licences/{number}/verification.");
            return Valid;
        }

        output.WriteLine("signature:  INVALID — the fields were changed or the licence was not signed with this key.");
        return Invalid;
    }
}
