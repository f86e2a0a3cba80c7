from entraide.cli import main

main()
