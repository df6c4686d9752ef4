// The command-line client grows with the features that need bulk work (imports, plans, migrations).
System.Console.WriteLine("switchyard: command-line client of the Switchyard API. No commands yet.");
