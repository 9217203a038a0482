from readme_samples import README, block, current_block


def test_readme_shows_the_current_output_of_the_samples():
    assert current_block(README.read_text(encoding="utf-8")) == block(), (
        "run `make samples` and commit README.md"
    )


def test_readme_opens_with_the_two_commands():
    head = README.read_text(encoding="utf-8")[:1500]
    assert "make run" in head and "make test" in head
