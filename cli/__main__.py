from luocdo.cli.main import app

app(prog_name="luocdo")
