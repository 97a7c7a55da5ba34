#!/usr/bin/env bash
# batch.sh: `sfnviz render -o DIR/ FILE...` renders every machine of every file, each file's into
# DIR/<FILE without extension>/, in worker processes, with a summary on standard error.
source "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
mkdir -p in/a in/b
cp "$REPO/samples/hello/template.yml" in/a/template.yml
cp "$REPO/samples/cloudformation/template.yml" in/b/template.yml
cp "$REPO/samples/approval-jsonata/access-request.asl.yaml" in/flow.asl.yaml
printf 'StartAt: [\n' >in/broken.asl.yaml

run render -f svg -o d1/ in/a/template.yml in/b/template.yml in/flow.asl.yaml
expect_rc "three files" 0
check "the first file's machine" test -s d1/in/a/template/MyStateMachine.svg
check "the second file's (same file name, other folder)" test -s d1/in/b/template/SalesReportStateMachine.svg
check "the ASL file's" test -s d1/in/flow.asl/flow.asl.yaml.svg
check "each is a well-formed SVG" is_svg d1/in/b/template/SalesReportStateMachine.svg
expect_err "a summary" "^sfnviz: 3 files rendered into d1/, 0 failed$"

run render -f png -o d2/ in/a/template.yml in/broken.asl.yaml in/b/template.yml
expect_rc "a broken file among them" 2
expect_err "is reported with its position" "in/broken.asl.yaml:[0-9]+:[0-9]+: error:"
expect_err "and counted" "^sfnviz: 2 files rendered into d2/, 1 failed$"
check "the others are still drawn" test -s d2/in/b/template/SalesReportStateMachine.png

mkdir -p deep/x
cp in/a/template.yml deep/up.yml
(cd deep/x && timeout "$(limit 20)" "$BIN" render -f dot -o ../../d3/ ../up.yml ../../in/a/template.yml >/dev/null 2>&1)
check "'..' in a FILE stays inside DIR" test -s d3/__/up/MyStateMachine.dot
check "nothing is written outside DIR" test ! -e deep/up

run render -f svg in/a/template.yml in/b/template.yml
expect_rc "several files without -o DIR/" 2
expect_err "says what is needed" "several FILEs need -o DIR/"
run render -f svg -o one.svg in/a/template.yml in/b/template.yml
expect_rc "several files into one file" 2
run render -f svg -o d4/ -m MyStateMachine in/a/template.yml in/b/template.yml
expect_rc "-m with several files" 2
run render -f svg -o d5/ - in/a/template.yml
expect_rc "standard input among several files" 2
finish
