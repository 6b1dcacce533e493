from planeval.cli.entry import run

run()
