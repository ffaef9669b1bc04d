using OneWindow.LicenceVerifier;

// verify-licence --public-key <hex> (<QR payload> | <file.pdf> | -)
// Exit codes: 0 the signature verifies, 1 it does not, 2 the input could not be read.
return Verification.Run(args, Console.In, Console.Out, Console.Error);
