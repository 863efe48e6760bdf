from thoisu.cli import main

main()
