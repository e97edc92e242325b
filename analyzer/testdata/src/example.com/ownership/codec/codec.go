// Package codec decodes frames from a reader, like the msgpack and
// protobuf codecs that clients put over their connections.
package codec

import "io"

// A Decoder reads frames from r.
type Decoder struct{ r io.Reader }

// NewDecoder returns a decoder reading from r.
func NewDecoder(r io.Reader) *Decoder { return &Decoder{r: r} }

// Decode reads one frame.
func (d *Decoder) Decode(v *[]byte) error {
	buf := make([]byte, 4)
	_, err := io.ReadFull(d.r, buf)
	*v = buf
	return err
}
