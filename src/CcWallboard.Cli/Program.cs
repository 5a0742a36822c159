using System.Text;
using CcWallboard.Cli;

// The composition root: the only place that touches the console and the system clock.
using var standardOutput = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
var context = new CliContext(standardOutput, Console.Error, TimeProvider.System, AppContext.BaseDirectory);
return CliApplication.CreateDefault().Run(args, context);
