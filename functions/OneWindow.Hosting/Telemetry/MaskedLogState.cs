using System.Collections;
using System.Globalization;

namespace OneWindow.Hosting.Telemetry;

/// <summary>
/// The state a log entry reaches its provider with once personal data was found in it: the structured values with every
/// ID and mobile number masked (in order, <c>{OriginalFormat}</c> included), and the masked message.
/// </summary>
internal sealed class MaskedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The formatter handed on with a masked state: the masked message.</summary>
    public static readonly Func<MaskedLogState, Exception?, string> Formatter = static (state, _) => state.Message;

    private readonly KeyValuePair<string, object?>[] values;

    private MaskedLogState(KeyValuePair<string, object?>[] values, string message)
    {
        this.values = values;
        Message = message;
    }

    /// <summary>The formatted message, masked.</summary>
    public string Message { get; }

    public int Count => values.Length;

    public KeyValuePair<string, object?> this[int index] => values[index];

    /// <summary>
    /// A masked copy of <paramref name="state"/>, or null when neither its values nor its message hold personal data.
    /// The common case (string, number and date values, none a match) is decided without formatting or allocating.
    /// </summary>
    public static MaskedLogState? From<TState>(TState state, Exception? exception, Func<TState, Exception?, string>? formatter)
    {
        var pairs = state as IReadOnlyList<KeyValuePair<string, object?>>;
        if (pairs is not null)
        {
            var found = false;
            var opaque = false;
            for (var i = 0; i < pairs.Count && !found; i++)
            {
                switch (Inspect(pairs[i].Value))
                {
                    case Finding.PersonalData:
                        found = true;
                        break;
                    case Finding.Opaque:
                        opaque = true;
                        break;
                }
            }

            if (!found && !opaque)
            {
                return null;
            }
        }

        var message = formatter is not null ? formatter(state, exception) : state?.ToString() ?? "";
        var maskedMessage = PersonalDataScanner.Mask(message);
        var messageMasked = !ReferenceEquals(maskedMessage, message);
        if (pairs is null)
        {
            return messageMasked ? new MaskedLogState([], maskedMessage) : null;
        }

        var copy = new KeyValuePair<string, object?>[pairs.Count];
        var valueMasked = false;
        for (var i = 0; i < copy.Length; i++)
        {
            var (key, value) = pairs[i];
            if (value is not null and not string && Inspect(value) != Finding.Nothing)
            {
                // Numbers and other objects that print personal data are handed on as their masked text.
                var text = Convert.ToString(value, CultureInfo.InvariantCulture);
                value = PersonalDataScanner.TryMask(text, out var maskedText) ? maskedText : value;
            }

            if (value is string s && PersonalDataScanner.TryMask(s, out var masked))
            {
                value = masked;
            }

            valueMasked |= !ReferenceEquals(value, pairs[i].Value);
            copy[i] = new KeyValuePair<string, object?>(key, value);
        }

        return messageMasked || valueMasked ? new MaskedLogState(copy, maskedMessage) : null;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    private enum Finding
    {
        Nothing,
        PersonalData,
        Opaque,
    }

    // Strings and span-formattable values (numbers, dates, ids, enums) are scanned where they are; anything else would
    // have to be printed to know, which the message formatter does.
    private static Finding Inspect(object? value) => value switch
    {
        null or bool or int or short or byte or sbyte or ushort or uint or char => Finding.Nothing,
        string s => PersonalDataScanner.ContainsPersonalData(s) ? Finding.PersonalData : Finding.Nothing,
        ISpanFormattable f => InspectFormattable(f),
        _ => Finding.Opaque,
    };

    private static Finding InspectFormattable(ISpanFormattable value)
    {
        Span<char> buffer = stackalloc char[128];
        if (!value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
        {
            return Finding.Opaque;
        }

        return PersonalDataScanner.ContainsPersonalData(buffer[..written]) ? Finding.PersonalData : Finding.Nothing;
    }
}
