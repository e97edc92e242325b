module example.com/wordlen

go 1.26.0
