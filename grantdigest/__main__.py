from grantdigest.cli import main

main()
