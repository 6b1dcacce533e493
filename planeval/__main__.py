from planeval.cli import main

main()
