// Package chains has calls that fan out through many levels: a reader and
// a function value handed down, each level calling the next twice. What a
// summary records about them must stay one entry per parameter, not one
// per path through the calls (2^40 of them).
package chains

import (
	"bufio"
	"net"
)

func read0(r *bufio.Reader, f func()) {
	_, _ = r.ReadString('\n')
	f()
}

func read1(r *bufio.Reader, f func()) {
	read0(r, f)
	read0(r, f)
}

func read2(r *bufio.Reader, f func()) {
	read1(r, f)
	read1(r, f)
}

func read3(r *bufio.Reader, f func()) {
	read2(r, f)
	read2(r, f)
}

func read4(r *bufio.Reader, f func()) {
	read3(r, f)
	read3(r, f)
}

func read5(r *bufio.Reader, f func()) {
	read4(r, f)
	read4(r, f)
}

func read6(r *bufio.Reader, f func()) {
	read5(r, f)
	read5(r, f)
}

func read7(r *bufio.Reader, f func()) {
	read6(r, f)
	read6(r, f)
}

func read8(r *bufio.Reader, f func()) {
	read7(r, f)
	read7(r, f)
}

func read9(r *bufio.Reader, f func()) {
	read8(r, f)
	read8(r, f)
}

func read10(r *bufio.Reader, f func()) {
	read9(r, f)
	read9(r, f)
}

func read11(r *bufio.Reader, f func()) {
	read10(r, f)
	read10(r, f)
}

func read12(r *bufio.Reader, f func()) {
	read11(r, f)
	read11(r, f)
}

func read13(r *bufio.Reader, f func()) {
	read12(r, f)
	read12(r, f)
}

func read14(r *bufio.Reader, f func()) {
	read13(r, f)
	read13(r, f)
}

func read15(r *bufio.Reader, f func()) {
	read14(r, f)
	read14(r, f)
}

func read16(r *bufio.Reader, f func()) {
	read15(r, f)
	read15(r, f)
}

func read17(r *bufio.Reader, f func()) {
	read16(r, f)
	read16(r, f)
}

func read18(r *bufio.Reader, f func()) {
	read17(r, f)
	read17(r, f)
}

func read19(r *bufio.Reader, f func()) {
	read18(r, f)
	read18(r, f)
}

func read20(r *bufio.Reader, f func()) {
	read19(r, f)
	read19(r, f)
}

func read21(r *bufio.Reader, f func()) {
	read20(r, f)
	read20(r, f)
}

func read22(r *bufio.Reader, f func()) {
	read21(r, f)
	read21(r, f)
}

func read23(r *bufio.Reader, f func()) {
	read22(r, f)
	read22(r, f)
}

func read24(r *bufio.Reader, f func()) {
	read23(r, f)
	read23(r, f)
}

func read25(r *bufio.Reader, f func()) {
	read24(r, f)
	read24(r, f)
}

func read26(r *bufio.Reader, f func()) {
	read25(r, f)
	read25(r, f)
}

func read27(r *bufio.Reader, f func()) {
	read26(r, f)
	read26(r, f)
}

func read28(r *bufio.Reader, f func()) {
	read27(r, f)
	read27(r, f)
}

func read29(r *bufio.Reader, f func()) {
	read28(r, f)
	read28(r, f)
}

func read30(r *bufio.Reader, f func()) {
	read29(r, f)
	read29(r, f)
}

func read31(r *bufio.Reader, f func()) {
	read30(r, f)
	read30(r, f)
}

func read32(r *bufio.Reader, f func()) {
	read31(r, f)
	read31(r, f)
}

func read33(r *bufio.Reader, f func()) {
	read32(r, f)
	read32(r, f)
}

func read34(r *bufio.Reader, f func()) {
	read33(r, f)
	read33(r, f)
}

func read35(r *bufio.Reader, f func()) {
	read34(r, f)
	read34(r, f)
}

func read36(r *bufio.Reader, f func()) {
	read35(r, f)
	read35(r, f)
}

func read37(r *bufio.Reader, f func()) {
	read36(r, f)
	read36(r, f)
}

func read38(r *bufio.Reader, f func()) {
	read37(r, f)
	read37(r, f)
}

func read39(r *bufio.Reader, f func()) {
	read38(r, f)
	read38(r, f)
}

func read40(r *bufio.Reader, f func()) {
	read39(r, f)
	read39(r, f)
}

// serve reads c through all the levels: closing c ends it.
func serve(c net.Conn) {
	defer c.Close()
	read40(bufio.NewReader(c), func() {})
}

func start(addr string) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return
	}
	go serve(c) // want `goroutine running serve is never joined`
}
