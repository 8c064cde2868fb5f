using MatrixFactorization.Cli;
using MatrixFactorization.Cli.Progress;

return CliApplication.Run(args, Console.Out, Terminal.OfConsole());
